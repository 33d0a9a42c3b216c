/// Whether one statement applies to one request.
enum StatementEvaluation {
    enum PrincipalMatch: Equatable {
        /// The statement names this principal (or everyone).
        case direct
        /// The statement names only the principal's account, delegating to its identity policies.
        case account
    }

    enum Outcome: Equatable {
        case applies(PrincipalMatch)
        case notApplicable(Miss)
        case unsupported(String)
    }

    /// Why a statement does not apply; put into words only when the decision shows the statement
    /// (most requests match some statement, and then the others are not shown).
    enum Miss: Equatable {
        case actionNotListed, actionExcluded, noAction
        case resourceNotListed, resourceExcluded, noResource
        case principalNotNamed, principalExcluded, noPrincipal
        case condition(String)
        /// An Allow that could not be evaluated, treated as not matching.
        case failedClosed(String)

        func text(_ input: EvaluationInput) -> String {
            switch self {
            case .actionNotListed: "action \(input.action) not in Action"
            case .actionExcluded: "action \(input.action) is in NotAction"
            case .noAction: "statement has no Action"
            case .resourceNotListed: "resource \(input.resource) not in Resource"
            case .resourceExcluded: "resource \(input.resource) is in NotResource"
            case .noResource: "statement has no Resource"
            case .principalNotNamed: "Principal does not name \(input.principal.arn)"
            case .principalExcluded: "NotPrincipal names \(input.principal.arn)"
            case .noPrincipal: "resource-based statement has no Principal"
            case .condition(let why): "condition not met: \(why)"
            case .failedClosed(let why): why
            }
        }
    }

    static func evaluate(
        _ statement: PolicyStatement, document: PolicyDocument, input: EvaluationInput, asResourcePolicy: Bool
    ) -> Outcome {
        switch statement.actions {
        case .action(let patterns):
            guard patterns.contains(where: { actionMatches($0, input.action) }) else {
                return .notApplicable(.actionNotListed)
            }
        case .notAction(let patterns):
            if patterns.contains(where: { actionMatches($0, input.action) }) {
                return .notApplicable(.actionExcluded)
            }
        case .none:
            return .notApplicable(.noAction)
        }

        var unsupported: String?
        switch statement.resources {
        case .resource(let patterns), .notResource(let patterns):
            var hit = false
            for pattern in patterns {
                switch resourceMatches(pattern, input.resource, document: document, keys: input.keys) {
                case .matched: hit = true
                case .notMatched: break
                case .unsupported(let why): unsupported = unsupported ?? why
                }
                if hit { break }
            }
            if case .notResource = statement.resources {
                if hit { return .notApplicable(.resourceExcluded) }
            } else if !hit && unsupported == nil {
                return .notApplicable(.resourceNotListed)
            }
            if hit { unsupported = nil }
        case .none:
            // Resource policies (trust policies, repository policies) apply to their own resource.
            if !asResourcePolicy { return .notApplicable(.noResource) }
        }

        var principalMatch = PrincipalMatch.direct
        if asResourcePolicy {
            switch statement.principals {
            case .principal(let set):
                guard let match = PrincipalMatcher.match(set, input.principal) else {
                    return .notApplicable(.principalNotNamed)
                }
                principalMatch = match
            case .notPrincipal(let set):
                if PrincipalMatcher.match(set, input.principal) != nil {
                    return .notApplicable(.principalExcluded)
                }
            case .none:
                return .notApplicable(.noPrincipal)
            }
        }

        for clause in statement.conditions {
            switch ConditionEvaluator.evaluate(clause, keys: input.keys, variables: document.allowsVariables) {
            case .matched: continue
            case .notMatched(let why): return .notApplicable(.condition(why))
            case .unsupported(let why): unsupported = unsupported ?? why
            }
        }
        if let unsupported { return .unsupported(unsupported) }
        return .applies(principalMatch)
    }

    /// `service:Action` patterns with wildcards, compared case-insensitively as IAM does.
    static func actionMatches(_ pattern: String, _ action: String) -> Bool {
        if pattern == "*" { return true }
        return Wildcard.matches(pattern, action, caseInsensitive: true)
    }

    static func resourceMatches(
        _ pattern: String, _ resource: String, document: PolicyDocument, keys: RequestKeys
    ) -> ConditionEvaluator.Result {
        var text = pattern
        if document.allowsVariables {
            switch PolicyVariables.substitute(pattern, in: keys) {
            case .text(let substituted): text = substituted
            case .absent(let key): return .notMatched("${\(key)} has no value")
            case .unsupported(let key): return .unsupported("policy variable ${\(key)} is not filled by ebauth")
            }
        }
        return Wildcard.matchesARN(text, resource) ? .matched : .notMatched(pattern)
    }
}

/// Whether a `Principal` element names the principal asking.
enum PrincipalMatcher {
    static func match(_ set: PrincipalSet, _ principal: PrincipalFacts) -> StatementEvaluation.PrincipalMatch? {
        if set.everyone { return .direct }
        if principal.kind == .service {
            return set.service.contains(where: { $0 == principal.serviceName }) ? .direct : nil
        }
        var best: StatementEvaluation.PrincipalMatch?
        for name in set.aws {
            if name == "*" { return .direct }
            guard principal.kind != .anonymous else { continue }
            if name == principal.accountID || name == IAMARN.root(account: principal.accountID) {
                if principal.kind == .root { return .direct }
                best = best ?? .account
                continue
            }
            if name == principal.arn { return .direct }
            // A role ARN (with any path) names every session of that role.
            if principal.kind == .assumedRole, let role = principal.roleName,
                name.hasPrefix("arn:aws:iam::\(principal.accountID):role/"), IAMARN.lastComponent(name) == role
            {
                return .direct
            }
        }
        return best
    }
}
