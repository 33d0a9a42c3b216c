import Testing

@testable import IAM

/// The outline S3 and ECR check before storing a resource policy, and IAM before its own grammar.
@Suite("Policy document outline")
struct PolicyShapeTests {
    static func findings(_ text: String) throws -> [PolicyShape.Finding] {
        try PolicyShape(parsing: text).findings
    }

    @Test("a text that is not a JSON object is refused before any finding")
    func notAnObject() {
        #expect(throws: PolicyShape.Finding.invalidJSON) { try PolicyShape(parsing: "{not json") }
        #expect(throws: PolicyShape.Finding.invalidJSON) { try PolicyShape(parsing: "") }
        #expect(throws: PolicyShape.Finding.notAnObject) { try PolicyShape(parsing: "[]") }
    }

    @Test("the Statement element: missing, of another type, empty, one object or a list")
    func statement() throws {
        #expect(try Self.findings(#"{"Version":"2012-10-17"}"#) == [.missingStatement])
        #expect(try Self.findings(#"{"Statement":"x"}"#) == [.malformedStatement])
        #expect(try Self.findings(#"{"Statement":null}"#) == [.malformedStatement])
        #expect(try Self.findings(#"{"Statement":[]}"#) == [.emptyStatement])
        let whole = #"{"Effect":"Deny","Principal":"*","Action":"s3:*"}"#
        #expect(try Self.findings(#"{"Statement":\#(whole)}"#) == [])
        #expect(try Self.findings(#"{"Statement":[\#(whole),\#(whole)]}"#) == [])
    }

    @Test("each statement's findings in order: not an object, Effect, Principal, Action")
    func statements() throws {
        let text = #"{"Statement":[1,{},{"Effect":"allow","NotPrincipal":{},"NotAction":[]},{"Effect":null}]}"#
        #expect(
            try Self.findings(text) == [
                .statementNotAnObject(index: 0),
                .missingEffect(index: 1), .missingPrincipal(index: 1), .missingAction(index: 1),
                .invalidEffect(index: 2),
                .invalidEffect(index: 3), .missingPrincipal(index: 3), .missingAction(index: 3),
            ])
    }
}
