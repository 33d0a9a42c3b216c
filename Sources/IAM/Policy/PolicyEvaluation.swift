import AWSCore
import Foundation

/// One policy as evaluation sees it: a name for explanations and its parsed document.
public struct NamedPolicy: Sendable {
    public var name: String
    public var document: PolicyDocument

    public init(name: String, document: PolicyDocument) {
        self.name = name
        self.document = document
    }
}

/// The question IAM answers, with everything already looked up.
public struct EvaluationInput: Sendable {
    public var principal: PrincipalFacts
    public var action: String
    public var resource: String
    public var resourceAccountID: String
    public var identityPolicies: [NamedPolicy]
    public var resourcePolicy: NamedPolicy?
    public var keys: RequestKeys
    /// Role trust policies must allow even within the account; other resource policies need not.
    public var resourcePolicyRequired: Bool

    public init(
        principal: PrincipalFacts, action: String, resource: String, resourceAccountID: String,
        identityPolicies: [NamedPolicy] = [], resourcePolicy: NamedPolicy? = nil, keys: RequestKeys = RequestKeys(),
        resourcePolicyRequired: Bool = false
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccountID = resourceAccountID
        self.identityPolicies = identityPolicies
        self.resourcePolicy = resourcePolicy
        self.keys = keys
        self.resourcePolicyRequired = resourcePolicyRequired
    }
}

/// AWS's evaluation logic for one account boundary
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), without
/// SCPs, permission boundaries or session policies, which ebauth does not model:
///
/// 1. An explicit Deny in any identity or resource policy denies.
/// 2. The account's root user may do anything in its own account.
/// 3. Same account: an Allow in an identity policy, or a resource policy that names the caller
///    (user, role, session, `*`), allows. A resource policy that names only the account delegates
///    to the account's identity policies.
/// 4. Across accounts: the resource policy must allow the caller (or its account) and the caller's
///    identity policies must allow too.
/// 5. A role's trust policy must always allow, also within the account.
public enum PolicyEvaluation {
    public static func decide(_ input: EvaluationInput) -> Decision {
        var decision = Decision(input)
        var unmatched: [Unmatched] = []
        let identity = evaluate(
            input.identityPolicies, input: input, asResourcePolicy: false, into: &decision, unmatched: &unmatched)
        let resource =
            input.resourcePolicy.map {
                evaluate([$0], input: input, asResourcePolicy: true, into: &decision, unmatched: &unmatched)
            } ?? Tally()
        // The statements shown are the ones that matched or could not be evaluated; when there are
        // none, every statement, so "none matched" can be checked statement by statement.
        if decision.statements.isEmpty {
            decision.statements = unmatched.map { miss in
                Decision.Statement(
                    policy: miss.policy, statement: miss.statement.label, effect: miss.statement.effect.rawValue,
                    result: "not matched", detail: miss.why.text(input))
            }
        }

        if let statement = identity.deny {
            return decision.denied(.explicitDenyInIdentityPolicy, because: "explicit Deny in \(statement)")
        }
        if let statement = resource.deny {
            return decision.denied(.explicitDenyInResourcePolicy, because: "explicit Deny in \(statement)")
        }
        let principal = input.principal
        let sameAccount =
            principal.kind != .anonymous && principal.kind != .service
            && principal.accountID == input.resourceAccountID
        let isRoot = principal.kind == .root
        // The root user's permissions cannot be limited by identity policies in its own account,
        // and across accounts it acts for its whole account.
        let identityAllows: String? = isRoot ? "the account's root user" : identity.allow
        let resourceDirect = resource.allowDirect
        let resourceAny = resource.allowDirect ?? resource.allowViaAccount

        if input.resourcePolicyRequired {
            guard let granted = resourceAny else {
                return decision.denied(
                    .noResourcePolicyAllows, because: "no statement of the trust policy allows the principal")
            }
            if resourceDirect != nil && (sameAccount || principal.kind == .service) {
                return decision.allowed(because: "allowed by \(granted)")
            }
            guard let own = identityAllows else {
                return decision.denied(
                    .noIdentityPolicyAllows,
                    because: "the trust policy allows only by account (\(granted)); no identity-based policy allows")
            }
            return decision.allowed(because: "allowed by \(granted) and \(own)")
        }
        if isRoot && sameAccount {
            return decision.allowed(because: "the root user of account \(principal.accountID) acts in its own account")
        }
        if sameAccount {
            if let own = identityAllows { return decision.allowed(because: "allowed by \(own)") }
            if let granted = resourceDirect { return decision.allowed(because: "allowed by \(granted)") }
            if let delegated = resource.allowViaAccount {
                return decision.denied(
                    .noIdentityPolicyAllows,
                    because:
                        "\(delegated) names only the account, which delegates to identity-based policies; none allows")
            }
            return decision.denied(
                .noIdentityPolicyAllows, because: "no identity-based or resource-based policy allows")
        }
        if principal.kind == .anonymous || principal.kind == .service {
            if let granted = resourceDirect { return decision.allowed(because: "allowed by \(granted)") }
            return decision.denied(
                .noResourcePolicyAllows, because: "no resource-based policy allows an anonymous caller")
        }
        guard let granted = resourceAny else {
            let why =
                input.resourcePolicy == nil
                ? "cross-account request and the resource has no resource-based policy"
                : "cross-account request and no statement of the resource-based policy allows this principal"
            return decision.denied(.noResourcePolicyAllows, because: why)
        }
        guard let own = identityAllows else {
            return decision.denied(
                .noIdentityPolicyAllows,
                because: "cross-account request: \(granted) allows, but no identity-based policy of the caller allows")
        }
        return decision.allowed(because: "cross-account request allowed by \(granted) and \(own)")
    }

    /// What a set of policies said: the first explicit Deny and the first Allows.
    struct Tally {
        var deny: String?
        var allow: String?
        var allowDirect: String?
        var allowViaAccount: String?
    }

    /// A statement that did not apply, put into words only if the decision shows it.
    struct Unmatched {
        var policy: String
        var statement: PolicyStatement
        var why: StatementEvaluation.Miss
    }

    static func evaluate(
        _ policies: [NamedPolicy], input: EvaluationInput, asResourcePolicy: Bool, into decision: inout Decision,
        unmatched: inout [Unmatched]
    ) -> Tally {
        var tally = Tally()
        for policy in policies {
            for statement in policy.document.statements {
                // Named only when a statement matched or could not be evaluated.
                var location: String { "\(policy.name), \(statement.label)" }
                var outcome = StatementEvaluation.evaluate(
                    statement, document: policy.document, input: input, asResourcePolicy: asResourcePolicy)
                if case .notApplicable(let why) = outcome {
                    unmatched.append(Unmatched(policy: policy.name, statement: statement, why: why))
                    continue
                }
                var record = Decision.Statement(
                    policy: policy.name, statement: statement.label, effect: statement.effect.rawValue,
                    result: "", detail: "")
                switch outcome {
                case .notApplicable:
                    continue
                case .applies(let principalMatch):
                    record.result = "matched"
                    record.detail = principalMatch == .account ? "matched by account principal" : "matched"
                case .unsupported(let why):
                    // Fail closed: an Allow we cannot evaluate does not apply; a Deny does.
                    record.result = "unsupported"
                    record.detail =
                        why
                        + (statement.effect == .deny
                            ? "; treated as matching (fail closed)" : "; treated as not matching (fail closed)")
                    decision.unsupported.append("\(location): \(why)")
                    outcome = statement.effect == .deny ? .applies(.direct) : .notApplicable(.failedClosed(why))
                }
                decision.statements.append(record)
                guard case .applies(let principalMatch) = outcome else { continue }
                switch statement.effect {
                case .deny:
                    if tally.deny == nil { tally.deny = location }
                case .allow:
                    if tally.allow == nil { tally.allow = location }
                    if principalMatch == .account {
                        if tally.allowViaAccount == nil { tally.allowViaAccount = location }
                    } else if tally.allowDirect == nil {
                        tally.allowDirect = location
                    }
                }
            }
        }
        return tally
    }
}
