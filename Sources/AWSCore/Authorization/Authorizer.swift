/// What a service asks before it acts: may `caller` perform `action` on `resource`?
///
/// Services never decide authorization themselves. They name the action and resource ARN
/// exactly as AWS does (`ssm:GetParameter` on `arn:aws:ssm:us-east-1:123456789012:parameter/app/user`)
/// and pass the resource's own policy when it has one (bucket policy, repository policy).
public struct AuthorizationRequest: Sendable {
    public var caller: CallerIdentity
    public var action: String
    public var resource: String
    /// The resource-based policy document (JSON), if the resource has one.
    public var resourcePolicy: String?
    /// The account that owns the resource; cross-account access needs the resource policy.
    public var resourceAccountID: String
    /// Condition keys and their values for this request (`s3:prefix`, `aws:SourceIp`, …).
    public var conditionValues: [String: [String]]
    /// The request being decided, so the decision can be explained later by request id.
    public var requestID: String
    public var region: String
    /// Where the request came from (`aws:SourceIp`, `aws:UserAgent`, …); nil when not known.
    public var facts: RequestFacts?
    /// The request's clock (`aws:CurrentTime`); nil leaves the time to the decision point's clock.
    public var clock: AWSClock?

    public init(
        caller: CallerIdentity, action: String, resource: String, resourcePolicy: String? = nil,
        resourceAccountID: String, conditionValues: [String: [String]] = [:], requestID: String = "",
        region: String = "", facts: RequestFacts? = nil, clock: AWSClock? = nil
    ) {
        self.requestID = requestID
        self.region = region
        self.facts = facts
        self.clock = clock
        self.caller = caller
        self.action = action
        self.resource = resource
        self.resourcePolicy = resourcePolicy
        self.resourceAccountID = resourceAccountID
        self.conditionValues = conditionValues
    }
}

/// A refusal, with the reason IAM gives in its enhanced AccessDenied messages.
public struct AccessDenial: Error, Equatable, Sendable {
    public enum Reason: Sendable, Equatable {
        case noIdentityPolicyAllows
        case noResourcePolicyAllows
        case explicitDenyInIdentityPolicy
        case explicitDenyInResourcePolicy
    }

    public var callerARN: String
    public var action: String
    public var resource: String
    public var reason: Reason

    public init(callerARN: String, action: String, resource: String, reason: Reason) {
        self.callerARN = callerARN
        self.action = action
        self.resource = resource
        self.reason = reason
    }

    /// `User: <arn> is not authorized to perform: <action> on resource: <resource> because …`.
    /// S3 quotes the resource; ECR and SSM do not (EB-SPEC §B.4).
    public func message(quoteResource: Bool = false) -> String {
        let resourceText = quoteResource ? "\"\(resource)\"" : resource
        let because: String
        switch reason {
        case .noIdentityPolicyAllows: because = "because no identity-based policy allows the \(action) action"
        case .noResourcePolicyAllows: because = "because no resource-based policy allows the \(action) action"
        case .explicitDenyInIdentityPolicy: because = "with an explicit deny in an identity-based policy"
        case .explicitDenyInResourcePolicy: because = "with an explicit deny in a resource-based policy"
        }
        return "User: \(callerARN) is not authorized to perform: \(action) on resource: \(resourceText) \(because)"
    }
}

/// The IAM decision point. The IAM module evaluates policies; without it, or without
/// `--enforce-iam`, `AllowAllAuthorizer` lets every authenticated caller act.
public protocol Authorizer: Sendable {
    func authorize(_ request: AuthorizationRequest) throws(AccessDenial)
}

extension AuthorizationRequest {
    /// The usual case: the caller of `context` acts on a resource of its own account. The
    /// context's per-request facts go with it, so every service's conditions can read them.
    public init(
        _ context: RequestContext, action: String, resource: String, resourcePolicy: String? = nil,
        resourceAccountID: String? = nil, conditionValues: [String: [String]] = [:]
    ) {
        self.init(
            caller: context.caller, action: action, resource: resource, resourcePolicy: resourcePolicy,
            resourceAccountID: resourceAccountID ?? context.accountID, conditionValues: conditionValues,
            requestID: context.requestID, region: context.region, facts: context.facts, clock: context.clock)
    }
}

/// Every caller may do everything: the behaviour of other local emulators, and ebauth's
/// default until `--enforce-iam`.
public struct AllowAllAuthorizer: Authorizer {
    public init() {}

    public func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {}
}
