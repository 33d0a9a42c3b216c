import AWSCore
import Foundation

/// One authorization decision and why it was made, as `GET /_ebauth/decisions` serves it.
public struct Decision: Sendable, Encodable {
    /// One statement that was considered and what it did.
    public struct Statement: Sendable, Encodable, Equatable {
        public var policy: String
        public var statement: String
        public var effect: String
        /// `matched`, `not matched` or `unsupported`.
        public var result: String
        public var detail: String
    }

    public var requestId = ""
    public var time = ""
    public var principal: String
    public var action: String
    public var resource: String
    public var resourceAccount: String
    /// `Allow` or `Deny`.
    public var decision = "Deny"
    /// The AccessDenied reason, e.g. `noIdentityPolicyAllows`; nil when allowed.
    public var reason: String?
    /// What the caller is told when denied.
    public var message: String?
    /// One sentence: which statement allowed or denied, or that none matched.
    public var explanation = ""
    /// Statements that matched or could not be evaluated, in evaluation order; when none did,
    /// every statement (so "none matched" can be checked statement by statement).
    public var statements: [Statement] = []
    /// Operators, keys or variables ebauth could not evaluate (each failed closed).
    public var unsupported: [String] = []

    enum CodingKeys: String, CodingKey {
        case requestId, time, principal, action, resource, resourceAccount, decision, reason, message, explanation,
            statements, unsupported
    }

    /// Set when denied: what the service throws.
    public var denial: AccessDenial?

    init(_ input: EvaluationInput) {
        principal = input.principal.arn
        action = input.action
        resource = input.resource
        resourceAccount = input.resourceAccountID
    }

    public var isAllowed: Bool { decision == "Allow" }

    func allowed(because why: String) -> Decision {
        var copy = self
        copy.decision = "Allow"
        copy.explanation = why
        return copy
    }

    func denied(_ reason: AccessDenial.Reason, because why: String) -> Decision {
        var copy = self
        copy.decision = "Deny"
        copy.explanation = why
        let denial = AccessDenial(callerARN: principal, action: action, resource: resource, reason: reason)
        copy.denial = denial
        copy.reason = "\(reason)"
        copy.message = denial.message()
        return copy
    }

    /// A one-line summary for the request log.
    public var logLine: String {
        "\(decision) \(action) on \(resource) for \(principal): \(explanation)"
    }
}
