import Foundation

/// A policy document read as JSON, and what is missing or malformed in its outline: the checks every
/// service makes on a policy before storing it. `PolicyDocument` applies IAM's whole grammar on top;
/// S3 (bucket policies) and ECR (repository policies) check only the outline, and word each finding
/// in their own error.
public struct PolicyShape {
    /// What is wrong with a document's outline, `index` naming the statement (0-based).
    public enum Finding: Error, Equatable, Sendable {
        /// Not JSON at all.
        case invalidJSON
        /// JSON, but not an object.
        case notAnObject
        case missingStatement
        /// `Statement` is neither an object nor a list.
        case malformedStatement
        case emptyStatement
        case statementNotAnObject(index: Int)
        case missingEffect(index: Int)
        /// `Effect` is there but is not `Allow` or `Deny`.
        case invalidEffect(index: Int)
        /// Neither `Principal` nor `NotPrincipal`.
        case missingPrincipal(index: Int)
        /// Neither `Action` nor `NotAction`.
        case missingAction(index: Int)
    }

    /// The document's top-level members.
    let root: [String: Any]
    /// `Statement` as a list (one object is a list of one); empty when it is missing or malformed.
    let statements: [Any]
    /// `missingStatement`, `malformedStatement` or `emptyStatement`, if one applies.
    let statementFinding: Finding?

    /// Reads `text` as a JSON object; throws `invalidJSON` or `notAnObject`.
    public init(parsing text: String) throws(Finding) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        } catch {
            throw .invalidJSON
        }
        guard let root = object as? [String: Any] else { throw .notAnObject }
        self.root = root
        switch root["Statement"] {
        case nil:
            (statements, statementFinding) = ([], .missingStatement)
        case let list as [Any]:
            (statements, statementFinding) = (list, list.isEmpty ? .emptyStatement : nil)
        case let single as [String: Any]:
            (statements, statementFinding) = ([single], nil)
        default:
            (statements, statementFinding) = ([], .malformedStatement)
        }
    }

    /// Every finding, in the order a reader meets them: the `Statement` element, then each statement's
    /// Effect, Principal and Action in turn.
    public var findings: [Finding] {
        if let statementFinding { return [statementFinding] }
        var findings: [Finding] = []
        for (index, raw) in statements.enumerated() {
            guard let statement = raw as? [String: Any] else {
                findings.append(.statementNotAnObject(index: index))
                continue
            }
            switch statement["Effect"] {
            case nil: findings.append(.missingEffect(index: index))
            case let effect as String where effect == "Allow" || effect == "Deny": break
            default: findings.append(.invalidEffect(index: index))
            }
            if statement["Principal"] == nil && statement["NotPrincipal"] == nil {
                findings.append(.missingPrincipal(index: index))
            }
            if statement["Action"] == nil && statement["NotAction"] == nil {
                findings.append(.missingAction(index: index))
            }
        }
        return findings
    }
}
