import Testing

@testable import IAM

@Suite("Decision log")
struct DecisionLogTests {
    static func decision(_ requestID: String) -> Decision {
        var decision = Decision(
            EvaluationInput(
                principal: PrincipalFacts(
                    kind: .root, accountID: "000000000000", arn: "arn:aws:iam::000000000000:root",
                    userID: "000000000000"),
                action: "ssm:GetParameter", resource: "*", resourceAccountID: "000000000000"))
        decision.requestId = requestID
        return decision
    }

    @Test("keeps the newest decisions once full, newest first, and forgets the oldest")
    func keepsTheNewestOnceFull() {
        let log = DecisionLog(capacity: 3)
        for index in 1...5 { log.record(Self.decision("r\(index)")) }
        #expect(log.recent(10).map(\.requestId) == ["r5", "r4", "r3"])
        #expect(log.recent(2).map(\.requestId) == ["r5", "r4"])
        #expect(log.decisions(requestID: "r2").isEmpty)
        #expect(log.decisions(requestID: "r4").count == 1)
    }

    @Test("before it is full, every decision is kept in order")
    func keepsEverythingBeforeFull() {
        let log = DecisionLog(capacity: 10)
        for index in 1...4 { log.record(Self.decision("r\(index % 2)")) }
        #expect(log.recent(10).map(\.requestId) == ["r0", "r1", "r0", "r1"])
        #expect(log.decisions(requestID: "r1").count == 2)
    }
}
