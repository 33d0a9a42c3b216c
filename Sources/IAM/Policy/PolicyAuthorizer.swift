import AWSCore
import Foundation
import Logging
import Storage

/// ebauth's IAM decision point: finds the caller's identity policies, evaluates them with the
/// resource's policy, records the explanation under the request id and logs it.
public struct PolicyAuthorizer: Authorizer {
    let store: IAMStore
    public let decisions: DecisionLog
    let logger: Logger
    let clock: AWSClock
    /// Shared by every authorizer of one module, so a policy is parsed once, not per request.
    let documents: PolicyCache
    /// What IAM's tables say about a user or role session, kept until the next write (any
    /// policy, role, user or session change).
    let identities: ReadCache<IdentityKey, StoredIdentity>

    struct IdentityKey: Hashable, Sendable {
        var kind: String
        var accountID: String
        var arn: String
        var roleName: String?
        var accessKeyID: String
    }

    /// The facts only the tables know, and the caller's identity policies.
    struct StoredIdentity: Sendable {
        var principalARN: String
        var tags: [String: String]
        var tokenIssueTime: Date?
        var policies: [NamedPolicy]
        var notes: [String]
    }

    init(store: IAMStore, decisions: DecisionLog, logger: Logger, clock: AWSClock, documents: PolicyCache) {
        self.store = store
        self.decisions = decisions
        self.logger = logger
        self.clock = clock
        self.documents = documents
        identities = ReadCache(database: store.database)
    }

    public func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {
        let decision = evaluate(request)
        if let denial = decision.denial { throw denial }
    }

    /// Decides, records and logs. `principal` replaces the caller (service principals);
    /// `resourcePolicyRequired` is for role trust policies.
    func evaluate(
        _ request: AuthorizationRequest, principal: PrincipalFacts? = nil, resourcePolicyRequired: Bool = false
    ) -> Decision {
        var notes: [String] = []
        var facts = principal ?? PrincipalFacts(request.caller)
        var identityPolicies: [NamedPolicy] = []
        // Only users and roles have identity policies (and paths, tags, sessions): the root user,
        // anonymous and service callers are decided without reading IAM's tables.
        if facts.kind == .user || facts.kind == .assumedRole {
            do {
                let key = IdentityKey(
                    kind: facts.kind.rawValue, accountID: facts.accountID, arn: facts.arn, roleName: facts.roleName,
                    accessKeyID: request.caller.accessKeyID)
                let stored = try identities.value(for: key) { [facts] in
                    var read = facts
                    var readNotes: [String] = []
                    let policies = try store.read { tables in
                        try identity(of: &read, accessKeyID: key.accessKeyID, tables: tables, notes: &readNotes)
                    }
                    return StoredIdentity(
                        principalARN: read.principalARN, tags: read.tags, tokenIssueTime: read.tokenIssueTime,
                        policies: policies, notes: readNotes)
                }
                facts.principalARN = stored.principalARN
                facts.tags = stored.tags
                facts.tokenIssueTime = stored.tokenIssueTime
                identityPolicies = stored.policies
                notes += stored.notes
            } catch {
                notes.append("identity policies could not be read (\(type(of: error))); none applied")
            }
        }

        var resourcePolicy: NamedPolicy?
        var malformedResourcePolicy = false
        if let text = request.resourcePolicy {
            do {
                resourcePolicy = NamedPolicy(
                    name: resourcePolicyRequired ? "trust policy" : "resource-based policy",
                    document: try documents.document(text))
            } catch {
                malformedResourcePolicy = true
                notes.append("the resource-based policy cannot be parsed (\(error.message)); denied (fail closed)")
            }
        }

        let now = (request.clock ?? clock).now()
        let nowText = IAMDate.iso8601Now(now)
        let keys = RequestKeys(
            request.conditionValues,
            globals: RequestKeys.Globals(
                principal: facts, currentTime: nowText, epochTime: Int(now.timeIntervalSince1970),
                region: request.region, resourceAccountID: request.resourceAccountID, facts: request.facts))

        let input = EvaluationInput(
            principal: facts, action: request.action, resource: request.resource,
            resourceAccountID: request.resourceAccountID, identityPolicies: identityPolicies,
            resourcePolicy: resourcePolicy, keys: keys, resourcePolicyRequired: resourcePolicyRequired)
        var decision = PolicyEvaluation.decide(input)
        if malformedResourcePolicy {
            decision = decision.denied(
                .explicitDenyInResourcePolicy, because: "the resource-based policy cannot be parsed")
        }
        decision.requestId = request.requestID
        decision.time = nowText
        decision.unsupported += notes
        decisions.record(decision)
        logger.debug("iam decision: \(decision.logLine)", metadata: ["request-id": "\(request.requestID)"])
        for note in decision.unsupported {
            logger.warning("iam decision: \(note)", metadata: ["request-id": "\(request.requestID)"])
        }
        return decision
    }

    /// The caller's identity policies, and the facts only IAM's tables know (paths, tags, issue time).
    private func identity(
        of facts: inout PrincipalFacts, accessKeyID: String, tables: IAMTables, notes: inout [String]
    ) throws -> [NamedPolicy] {
        let type: PrincipalType
        let name: String
        switch facts.kind {
        case .user:
            name = IAMARN.lastComponent(facts.arn)
            guard let user = try tables.user(account: facts.accountID, name: name) else {
                notes.append("user \(facts.arn) no longer exists; no identity policies")
                return []
            }
            facts.tags = Dictionary(user.tags.map { ($0.Key, $0.Value) }, uniquingKeysWith: { $1 })
            type = .user
        case .assumedRole:
            name = facts.roleName ?? ""
            guard let role = try tables.roleARNAndTags(account: facts.accountID, name: name) else {
                notes.append("role \(name) no longer exists; no identity policies")
                return []
            }
            facts.principalARN = role.arn
            facts.tags = Dictionary(role.tags.map { ($0.Key, $0.Value) }, uniquingKeysWith: { $1 })
            if !accessKeyID.isEmpty, let issued = try tables.sessionIssueTime(accessKeyID: accessKeyID) {
                facts.tokenIssueTime = issued
            }
            type = .role
        case .root, .anonymous, .service:
            return []
        }
        var policies: [NamedPolicy] = []
        for (policyName, text) in try tables.inlinePolicies(account: facts.accountID, type: type, principal: name) {
            let label = "inline policy \(policyName) of \(type.rawValue) \(name)"
            if let document = try? documents.document(text) {
                policies.append(NamedPolicy(name: label, document: document))
            } else {
                notes.append("\(label) cannot be parsed; ignored")
            }
        }
        for (arn, customer) in try tables.attachedPolicyDocuments(account: facts.accountID, type: type, name: name) {
            let parsed: Result<PolicyDocument, PolicyParseError>
            let version: String
            if let managed = AWSManagedPolicies.parsed[arn] {
                (parsed, version) = (managed.document, managed.versionID)
            } else if let current = customer {
                parsed = Result { () throws(PolicyParseError) in try documents.document(current.document) }
                version = current.versionID
            } else {
                notes.append("attached policy \(arn) no longer exists; ignored")
                continue
            }
            let label = "managed policy \(arn) (\(version))"
            if let document = try? parsed.get() {
                policies.append(NamedPolicy(name: label, document: document))
            } else {
                notes.append("\(label) cannot be parsed; ignored")
            }
        }
        return policies
    }
}
