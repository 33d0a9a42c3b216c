import AWSCore
import Testing

@testable import IAM

/// Principals of the table: account 111111111111 owns the resources; 222222222222 is another account.
private enum Who {
    static let alice = PrincipalFacts(
        kind: .user, accountID: "111111111111", arn: "arn:aws:iam::111111111111:user/alice", userID: "AIDAALICE")
    static let aliceTagged = PrincipalFacts(
        kind: .user, accountID: "111111111111", arn: "arn:aws:iam::111111111111:user/alice", userID: "AIDAALICE",
        tags: ["team": "web"])
    static let web = PrincipalFacts(
        kind: .assumedRole, accountID: "111111111111", arn: "arn:aws:sts::111111111111:assumed-role/web/i-0123",
        principalARN: "arn:aws:iam::111111111111:role/web", userID: "AROAWEB:i-0123", roleName: "web",
        sessionName: "i-0123")
    static let root = PrincipalFacts(
        kind: .root, accountID: "111111111111", arn: "arn:aws:iam::111111111111:root", userID: "111111111111")
    static let bob = PrincipalFacts(
        kind: .user, accountID: "222222222222", arn: "arn:aws:iam::222222222222:user/bob", userID: "AIDABOB")
    static let root2 = PrincipalFacts(
        kind: .root, accountID: "222222222222", arn: "arn:aws:iam::222222222222:root", userID: "222222222222")
    static let ci = PrincipalFacts(
        kind: .assumedRole, accountID: "222222222222", arn: "arn:aws:sts::222222222222:assumed-role/ci/build",
        principalARN: "arn:aws:iam::222222222222:role/ci", userID: "AROACI:build", roleName: "ci", sessionName: "build")
    static let anonymous = PrincipalFacts(kind: .anonymous, accountID: "111111111111", arn: "*")
    static let ec2 = PrincipalFacts.service("ec2.amazonaws.com")
}

private let repo = "arn:aws:ecr:us-east-1:111111111111:repository/app"
private let otherRepo = "arn:aws:ecr:us-east-1:111111111111:repository/other"
private let webRole = "arn:aws:iam::111111111111:role/web"

/// `{"Version":"2012-10-17","Statement":[…]}`
private func doc(_ statements: String..., version: String = "2012-10-17") -> String {
    #"{"Version":"\#(version)","Statement":[\#(statements.joined(separator: ","))]}"#
}

/// One statement; `action` and `resource` are JSON values (a quoted string or a list).
private func st(
    _ effect: String = "Allow", action: String = #""ecr:*""#, resource: String? = #""*""#, principal: String? = nil,
    condition: String? = nil, notAction: String? = nil, notResource: String? = nil, notPrincipal: String? = nil
) -> String {
    var fields = [#""Effect":"\#(effect)""#]
    if let notAction { fields.append(#""NotAction":\#(notAction)"#) } else { fields.append(#""Action":\#(action)"#) }
    if let notResource {
        fields.append(#""NotResource":\#(notResource)"#)
    } else if let resource {
        fields.append(#""Resource":\#(resource)"#)
    }
    if let principal { fields.append(#""Principal":\#(principal)"#) }
    if let notPrincipal { fields.append(#""NotPrincipal":\#(notPrincipal)"#) }
    if let condition { fields.append(#""Condition":\#(condition)"#) }
    return "{" + fields.joined(separator: ",") + "}"
}

private func q(_ text: String) -> String { "\"\(text)\"" }

struct EvaluationCase: Sendable, CustomTestStringConvertible {
    enum Expect: Sendable, Equatable {
        case allow
        case deny(AccessDenial.Reason)
    }

    var name: String
    var principal: PrincipalFacts = Who.alice
    var action = "ecr:BatchGetImage"
    var resource = repo
    var resourceAccount = "111111111111"
    var identity: [String] = []
    var resourcePolicy: String?
    var keys: [String: [String]] = [:]
    var trust = false
    var expect: Expect
    /// Whether the decision must report something it could not evaluate.
    var unsupported = false

    var testDescription: String { name }

    func run() -> Decision {
        // The global keys as the authorizer supplies them: answered when a condition asks.
        let requestKeys = RequestKeys(
            keys,
            globals: RequestKeys.Globals(
                principal: principal, currentTime: "2026-06-01T12:00:00Z", epochTime: 1_780_315_200,
                region: "us-east-1", resourceAccountID: resourceAccount))
        let input = EvaluationInput(
            principal: principal, action: action, resource: resource, resourceAccountID: resourceAccount,
            identityPolicies: identity.enumerated().map {
                NamedPolicy(name: "policy \($0.offset + 1)", document: try! PolicyDocument(parsing: $0.element))
            },
            resourcePolicy: resourcePolicy.map {
                NamedPolicy(name: "resource policy", document: try! PolicyDocument(parsing: $0))
            },
            keys: requestKeys, resourcePolicyRequired: trust)
        return PolicyEvaluation.decide(input)
    }
}

private let cases: [EvaluationCase] = [
    // Actions and wildcards
    .init(name: "an exact action allows", identity: [doc(st(action: q("ecr:BatchGetImage")))], expect: .allow),
    .init(
        name: "action names are case-insensitive", identity: [doc(st(action: q("ECR:batchgetimage")))], expect: .allow),
    .init(name: "service wildcard ecr:* allows", identity: [doc(st(action: q("ecr:*")))], expect: .allow),
    .init(
        name: "prefix wildcard ecr:Get* covers GetAuthorizationToken", action: "ecr:GetAuthorizationToken",
        resource: "*",
        identity: [doc(st(action: q("ecr:Get*")))], expect: .allow),
    .init(
        name: "prefix wildcard ecr:Get* does not cover BatchGetImage", identity: [doc(st(action: q("ecr:Get*")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(name: "? matches exactly one character", identity: [doc(st(action: q("ecr:BatchGetImag?")))], expect: .allow),
    .init(
        name: "? does not match two characters", identity: [doc(st(action: q("ecr:BatchGetIma?")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(name: "* alone allows every action", identity: [doc(st(action: q("*")))], expect: .allow),
    .init(
        name: "another service's wildcard does not apply", identity: [doc(st(action: q("s3:*")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "one matching action in a list is enough",
        identity: [doc(st(action: #"["s3:GetObject","ecr:BatchGetImage"]"#))], expect: .allow),
    .init(name: "no policy at all denies", expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a matching Allow in the second policy allows",
        identity: [doc(st(action: q("s3:*"))), doc(st(action: q("ecr:BatchGetImage")))], expect: .allow),

    // NotAction
    .init(
        name: "Allow NotAction iam:* allows an ECR action", identity: [doc(st(notAction: q("iam:*")))], expect: .allow),
    .init(
        name: "Allow NotAction iam:* does not allow an IAM action", action: "iam:ListRoles", resource: "*",
        identity: [doc(st(notAction: q("iam:*")))], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "Deny NotAction spares the listed action",
        identity: [doc(st(action: q("*")), st("Deny", notAction: q("ecr:BatchGetImage")))],
        expect: .allow),
    .init(
        name: "Deny NotAction denies every other action", action: "s3:GetObject", resource: "arn:aws:s3:::b/k",
        identity: [doc(st(action: q("*")), st("Deny", notAction: q("ecr:BatchGetImage")))],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "NotAction matching is case-insensitive too", action: "IAM:ListRoles", resource: "*",
        identity: [doc(st(notAction: q("iam:*")))], expect: .deny(.noIdentityPolicyAllows)),

    // Resources
    .init(name: "an exact resource ARN allows", identity: [doc(st(resource: q(repo)))], expect: .allow),
    .init(
        name: "a repository wildcard covers app",
        identity: [doc(st(resource: q("arn:aws:ecr:us-east-1:111111111111:repository/a*")))], expect: .allow),
    .init(
        name: "a repository wildcard does not cover another name", resource: otherRepo,
        identity: [doc(st(resource: q("arn:aws:ecr:us-east-1:111111111111:repository/a*")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "? in a resource matches one character",
        identity: [doc(st(resource: q("arn:aws:ecr:us-east-1:111111111111:repository/ap?")))], expect: .allow),
    .init(
        name: "resource ARNs are case-sensitive",
        identity: [doc(st(resource: q("arn:aws:ecr:us-east-1:111111111111:repository/App")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a wildcard region segment matches",
        identity: [doc(st(resource: q("arn:aws:ecr:*:111111111111:repository/app")))], expect: .allow),
    .init(
        name: "a wildcard account segment matches",
        identity: [doc(st(resource: q("arn:aws:ecr:us-east-1:*:repository/app")))], expect: .allow),
    .init(
        name: "a segment never swallows the next one", identity: [doc(st(resource: q("arn:aws:ecr:*:repository/app")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a resource in another region does not match",
        identity: [doc(st(resource: q("arn:aws:ecr:eu-west-1:111111111111:repository/app")))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "NotResource allows resources it does not list",
        identity: [doc(st(resource: nil, notResource: q(otherRepo)))], expect: .allow),
    .init(
        name: "NotResource does not allow the resource it lists", resource: otherRepo,
        identity: [doc(st(resource: nil, notResource: q(otherRepo)))], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "the second resource of a list matches", identity: [doc(st(resource: "[\(q(otherRepo)),\(q(repo))]"))],
        expect: .allow),
    .init(
        name: "bucket/* covers a nested key", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/dir/key",
        identity: [doc(st(action: q("s3:GetObject"), resource: q("arn:aws:s3:::bucket/*")))], expect: .allow),
    .init(
        name: "the bucket ARN does not cover its objects", action: "s3:GetObject",
        resource: "arn:aws:s3:::bucket/dir/key",
        identity: [doc(st(action: q("s3:GetObject"), resource: q("arn:aws:s3:::bucket")))],
        expect: .deny(.noIdentityPolicyAllows)),

    // Deny wins
    .init(
        name: "an explicit Deny beats an Allow in the same policy",
        identity: [doc(st(), st("Deny", action: q("ecr:BatchGetImage")))],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "an explicit Deny in another policy beats an Allow",
        identity: [doc(st()), doc(st("Deny", resource: q(repo)))],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "a Deny on another resource does not apply", identity: [doc(st(), st("Deny", resource: q(otherRepo)))],
        expect: .allow),
    .init(
        name: "Deny ecr:* beats Allow of one action",
        identity: [doc(st(action: q("ecr:BatchGetImage")), st("Deny", action: q("ecr:*")))],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "a resource policy Deny beats an identity Allow", identity: [doc(st())],
        resourcePolicy: doc(st("Deny", resource: nil, principal: q("*"))), expect: .deny(.explicitDenyInResourcePolicy)),
    .init(
        name: "an identity Deny beats a resource policy Allow", identity: [doc(st("Deny"))],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)),
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "a resource policy Deny applies to the root user", principal: Who.root,
        resourcePolicy: doc(st("Deny", resource: nil, principal: q("*"))), expect: .deny(.explicitDenyInResourcePolicy)),
    .init(name: "the root user may act in its own account without policies", principal: Who.root, expect: .allow),
    .init(
        name: "the root user is not limited by a resource policy that does not name it", principal: Who.root,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::111111111111:user/carol"}"#)),
        expect: .allow),

    // Same-account resource policies
    .init(
        name: "a resource policy naming the user allows without identity policy",
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)),
        expect: .allow),
    .init(
        name: "a resource policy naming the role allows its sessions", principal: Who.web,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"\#(webRole)"}"#)), expect: .allow),
    .init(
        name: "a resource policy naming the session allows it", principal: Who.web,
        resourcePolicy: doc(
            st(resource: nil, principal: #"{"AWS":"arn:aws:sts::111111111111:assumed-role/web/i-0123"}"#)),
        expect: .allow),
    .init(
        name: "a resource policy naming only the account delegates to identity policies", principal: Who.web,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::111111111111:root"}"#)),
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "account delegation plus an identity Allow allows", principal: Who.web, identity: [doc(st())],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"111111111111"}"#)), expect: .allow),
    .init(
        name: "a resource policy with Principal * allows", resourcePolicy: doc(st(resource: nil, principal: q("*"))),
        expect: .allow),
    .init(
        name: "a resource policy with AWS * allows", resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"*"}"#)),
        expect: .allow),
    .init(
        name: "a resource policy naming someone else does not allow",
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::111111111111:user/carol"}"#)),
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "NotPrincipal allows everyone it does not name",
        resourcePolicy: doc(st(resource: nil, notPrincipal: #"{"AWS":"arn:aws:iam::111111111111:user/carol"}"#)),
        expect: .allow),
    .init(
        name: "a resource policy for another action does not allow",
        resourcePolicy: doc(st(action: q("ecr:PutImage"), resource: nil, principal: q("*"))),
        expect: .deny(.noIdentityPolicyAllows)),

    // Cross-account
    .init(
        name: "cross-account without a resource policy is denied", principal: Who.bob, identity: [doc(st())],
        expect: .deny(.noResourcePolicyAllows)),
    .init(
        name: "cross-account with the account granted and an identity Allow is allowed", principal: Who.bob,
        identity: [doc(st())],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:root"}"#)), expect: .allow),
    .init(
        name: "cross-account with the account granted but no identity Allow is denied", principal: Who.bob,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"222222222222"}"#)),
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "cross-account naming the user still needs the user's own Allow", principal: Who.bob,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#)),
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "cross-account naming the user with the user's Allow is allowed", principal: Who.bob,
        identity: [doc(st())],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#)),
        expect: .allow),
    .init(
        name: "another account's root is allowed when its account is granted", principal: Who.root2,
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"222222222222"}"#)), expect: .allow),
    .init(
        name: "another account's root is denied without a resource policy", principal: Who.root2,
        expect: .deny(.noResourcePolicyAllows)),
    .init(
        name: "a cross-account role session granted by role ARN with its Allow is allowed", principal: Who.ci,
        identity: [doc(st())],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:role/ci"}"#)),
        expect: .allow),
    .init(
        name: "a resource policy granting a third account does not allow", principal: Who.bob, identity: [doc(st())],
        resourcePolicy: doc(st(resource: nil, principal: #"{"AWS":"333333333333"}"#)),
        expect: .deny(.noResourcePolicyAllows)),
    .init(
        name: "a cross-account Deny in the resource policy denies", principal: Who.bob, identity: [doc(st())],
        resourcePolicy: doc(
            st(resource: nil, principal: q("*")), st("Deny", resource: nil, principal: #"{"AWS":"222222222222"}"#)),
        expect: .deny(.explicitDenyInResourcePolicy)),
    .init(
        name: "an anonymous caller is allowed by Principal *", principal: Who.anonymous, action: "s3:GetObject",
        resource: "arn:aws:s3:::public/k",
        resourcePolicy: doc(st(action: q("s3:GetObject"), resource: q("arn:aws:s3:::public/*"), principal: q("*"))),
        expect: .allow),
    .init(
        name: "an anonymous caller is denied without a resource policy", principal: Who.anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::private/k", expect: .deny(.noResourcePolicyAllows)),

    // Trust policies
    .init(
        name: "EC2 may assume a role that trusts ec2.amazonaws.com", principal: Who.ec2, action: "sts:AssumeRole",
        resource: webRole,
        resourcePolicy: doc(
            st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"Service":"ec2.amazonaws.com"}"#)),
        trust: true, expect: .allow),
    .init(
        name: "EC2 may not assume a role that trusts only Lambda", principal: Who.ec2, action: "sts:AssumeRole",
        resource: webRole,
        resourcePolicy: doc(
            st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"Service":"lambda.amazonaws.com"}"#)),
        trust: true,
        expect: .deny(.noResourcePolicyAllows)),
    .init(
        name: "a trust policy naming the user allows without identity policy", action: "sts:AssumeRole",
        resource: webRole,
        resourcePolicy: doc(
            st(
                action: q("sts:AssumeRole"), resource: nil,
                principal: #"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)),
        trust: true, expect: .allow),
    .init(
        name: "a trust policy naming the account needs the user's Allow", action: "sts:AssumeRole", resource: webRole,
        resourcePolicy: doc(st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"AWS":"111111111111"}"#)),
        trust: true,
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a trust policy naming the account and the user's Allow allow", action: "sts:AssumeRole",
        resource: webRole,
        identity: [doc(st(action: q("sts:AssumeRole"), resource: q(webRole)))],
        resourcePolicy: doc(st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"AWS":"111111111111"}"#)),
        trust: true, expect: .allow),
    .init(
        name: "an identity Allow alone cannot assume a role that does not trust the user", action: "sts:AssumeRole",
        resource: webRole,
        identity: [doc(st(action: q("sts:AssumeRole"), resource: q("*")))],
        resourcePolicy: doc(
            st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"Service":"ec2.amazonaws.com"}"#)),
        trust: true,
        expect: .deny(.noResourcePolicyAllows)),
    .init(
        name: "cross-account assume with trust and the caller's Allow is allowed", principal: Who.bob,
        action: "sts:AssumeRole", resource: webRole,
        identity: [doc(st(action: q("sts:AssumeRole"), resource: q(webRole)))],
        resourcePolicy: doc(
            st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#)),
        trust: true, expect: .allow),
    .init(
        name: "cross-account assume without the caller's Allow is denied", principal: Who.bob, action: "sts:AssumeRole",
        resource: webRole,
        resourcePolicy: doc(
            st(action: q("sts:AssumeRole"), resource: nil, principal: #"{"AWS":"arn:aws:iam::222222222222:user/bob"}"#)),
        trust: true, expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a trust policy ExternalId condition is met", action: "sts:AssumeRole", resource: webRole,
        resourcePolicy: doc(
            st(
                action: q("sts:AssumeRole"), resource: nil,
                principal: #"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#,
                condition: #"{"StringEquals":{"sts:ExternalId":"s3cret-id"}}"#)),
        keys: ["sts:ExternalId": ["s3cret-id"]], trust: true, expect: .allow),
    .init(
        name: "a trust policy ExternalId condition without an ExternalId denies", action: "sts:AssumeRole",
        resource: webRole,
        resourcePolicy: doc(
            st(
                action: q("sts:AssumeRole"), resource: nil,
                principal: #"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#,
                condition: #"{"StringEquals":{"sts:ExternalId":"s3cret-id"}}"#)),
        keys: ["sts:ExternalId": []], trust: true, expect: .deny(.noResourcePolicyAllows)),

    // Conditions
    .init(
        name: "StringEquals on the requested region matches",
        identity: [doc(st(condition: #"{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#))], expect: .allow),
    .init(
        name: "StringEquals on another region does not match",
        identity: [doc(st(condition: #"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "condition key names are case-insensitive",
        identity: [doc(st(condition: #"{"StringEquals":{"AWS:requestedregion":"us-east-1"}}"#))], expect: .allow),
    .init(
        name: "a Deny with StringNotEquals on the region denies elsewhere",
        identity: [
            doc(
                st(),
                st(
                    "Deny", action: q("*"),
                    condition: #"{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}"#))
        ],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "StringLike matches with a wildcard",
        identity: [doc(st(condition: #"{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/al*"}}"#))],
        expect: .allow),
    .init(
        name: "StringEqualsIgnoreCase ignores case",
        identity: [doc(st(condition: #"{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}"#))], expect: .allow),
    .init(
        name: "StringNotLike excludes a matching value",
        identity: [doc(st(condition: #"{"StringNotLike":{"aws:username":"al*"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "IpAddress matches an address in the range",
        identity: [doc(st(condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#))],
        keys: ["aws:SourceIp": ["203.0.113.7"]], expect: .allow),
    .init(
        name: "IpAddress does not match an address outside the range",
        identity: [doc(st(condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#))],
        keys: ["aws:SourceIp": ["198.51.100.1"]], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a Deny with NotIpAddress denies callers outside the range",
        identity: [
            doc(st(), st("Deny", action: q("*"), condition: #"{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8"]}}"#))
        ],
        keys: ["aws:SourceIp": ["127.0.0.1"]], expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "IpAddress matches IPv6 ranges",
        identity: [doc(st(condition: #"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#))],
        keys: ["aws:SourceIp": ["2001:db8:1::5"]], expect: .allow),
    .init(
        name: "a Deny on aws:SecureTransport false denies plain HTTP",
        identity: [doc(st(), st("Deny", action: q("*"), condition: #"{"Bool":{"aws:SecureTransport":"false"}}"#))],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "an Allow requiring aws:SecureTransport true does not allow plain HTTP",
        identity: [doc(st(condition: #"{"Bool":{"aws:SecureTransport":true}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "Null true matches a key that is absent",
        identity: [doc(st(condition: #"{"Null":{"aws:SourceVpce":"true"}}"#))], expect: .allow),
    .init(
        name: "Null false does not match an absent key",
        identity: [doc(st(condition: #"{"Null":{"aws:SourceVpce":"false"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "Null false matches a present key",
        identity: [doc(st(condition: #"{"Null":{"aws:RequestedRegion":"false"}}"#))], expect: .allow),
    .init(
        name: "NumericLessThanEquals compares numbers", action: "s3:ListBucket", resource: "arn:aws:s3:::b",
        identity: [doc(st(action: q("s3:ListBucket"), condition: #"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#))],
        keys: ["s3:max-keys": ["9"]], expect: .allow),
    .init(
        name: "NumericGreaterThan rejects a smaller number", action: "s3:ListBucket", resource: "arn:aws:s3:::b",
        identity: [doc(st(action: q("s3:ListBucket"), condition: #"{"NumericGreaterThan":{"s3:max-keys":10}}"#))],
        keys: ["s3:max-keys": ["9"]], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "DateLessThan allows before the date",
        identity: [doc(st(condition: #"{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}"#))], expect: .allow),
    .init(
        name: "DateGreaterThan does not allow before the date",
        identity: [doc(st(condition: #"{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "ArnLike on aws:PrincipalArn matches a role with a wildcard", principal: Who.web,
        identity: [doc(st(condition: #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/w*"}}"#))],
        expect: .allow),
    .init(
        name: "ArnNotEquals excludes the named role", principal: Who.web,
        identity: [doc(st(condition: #"{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/web"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "…IfExists matches when the key is absent",
        identity: [doc(st(condition: #"{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}"#))], expect: .allow),
    .init(
        name: "a positive operator does not match an absent key",
        identity: [doc(st(condition: #"{"StringEquals":{"aws:SourceVpce":"vpce-1"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a Deny with StringNotEquals on an absent key applies (the VPC endpoint pattern)",
        identity: [
            doc(st(), st("Deny", action: q("*"), condition: #"{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}"#))
        ],
        expect: .deny(.explicitDenyInIdentityPolicy)),
    .init(
        name: "ForAnyValue matches when one request value is listed",
        identity: [doc(st(condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["team","env"]}}"#))],
        keys: ["aws:TagKeys": ["env", "owner"]], expect: .allow),
    .init(
        name: "ForAllValues does not match when a request value is not listed",
        identity: [doc(st(condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}"#))],
        keys: ["aws:TagKeys": ["env", "owner"]],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "ForAllValues matches an absent key",
        identity: [doc(st(condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}"#))],
        keys: ["aws:TagKeys": []], expect: .allow),
    .init(
        name: "ForAnyValue does not match an absent key",
        identity: [doc(st(condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}"#))],
        keys: ["aws:TagKeys": []], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "aws:PrincipalTag compares the principal's tags", principal: Who.aliceTagged,
        identity: [doc(st(condition: #"{"StringEquals":{"aws:PrincipalTag/team":"web"}}"#))], expect: .allow),
    .init(
        name: "a missing principal tag does not match",
        identity: [doc(st(condition: #"{"StringEquals":{"aws:PrincipalTag/team":"web"}}"#))],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "${aws:username} in a resource is substituted", action: "iam:CreateAccessKey",
        resource: "arn:aws:iam::111111111111:user/alice",
        identity: [
            doc(st(action: q("iam:CreateAccessKey"), resource: q("arn:aws:iam::111111111111:user/${aws:username}")))
        ], expect: .allow),
    .init(
        name: "variables are not substituted in 2008-10-17 documents", action: "iam:CreateAccessKey",
        resource: "arn:aws:iam::111111111111:user/alice",
        identity: [
            doc(
                st(action: q("iam:CreateAccessKey"), resource: q("arn:aws:iam::111111111111:user/${aws:username}")),
                version: "2008-10-17")
        ],
        expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "a variable without a value does not match", principal: Who.web, action: "iam:CreateAccessKey",
        resource: "arn:aws:iam::111111111111:user/alice",
        identity: [
            doc(st(action: q("iam:CreateAccessKey"), resource: q("arn:aws:iam::111111111111:user/${aws:username}")))
        ], expect: .deny(.noIdentityPolicyAllows)),
    .init(
        name: "aws:PrincipalAccount matches the caller's account", principal: Who.bob, identity: [doc(st())],
        resourcePolicy: doc(
            st(
                resource: nil, principal: q("*"),
                condition: #"{"StringEquals":{"aws:PrincipalAccount":"222222222222"}}"#)), expect: .allow),
    .init(
        name: "a service key the service passed is compared",
        identity: [doc(st(condition: #"{"StringEquals":{"ecr:ResourceTag/env":"prod"}}"#))],
        keys: ["ecr:ResourceTag/env": ["prod"]], expect: .allow),

    // Unsupported operators and keys fail closed
    .init(
        name: "an unknown operator in an Allow does not allow",
        identity: [doc(st(condition: #"{"StringEqualz":{"aws:username":"alice"}}"#))],
        expect: .deny(.noIdentityPolicyAllows), unsupported: true),
    .init(
        name: "an unknown operator in a Deny denies",
        identity: [doc(st(), st("Deny", condition: #"{"StringEqualz":{"aws:username":"bob"}}"#))],
        expect: .deny(.explicitDenyInIdentityPolicy), unsupported: true),
    .init(
        name: "BinaryEquals is not supported and fails closed",
        identity: [doc(st(condition: #"{"BinaryEquals":{"aws:username":"YWxpY2U="}}"#))],
        expect: .deny(.noIdentityPolicyAllows), unsupported: true),
    .init(
        name: "a key the service did not fill makes an Allow not apply",
        identity: [doc(st(condition: #"{"StringEquals":{"ecr:ResourceTag/env":"prod"}}"#))],
        expect: .deny(.noIdentityPolicyAllows), unsupported: true),
    .init(
        name: "a key the service did not fill makes a Deny apply",
        identity: [doc(st(), st("Deny", condition: #"{"StringEquals":{"ecr:ResourceTag/env":"prod"}}"#))],
        expect: .deny(.explicitDenyInIdentityPolicy), unsupported: true),
    .init(
        name: "IfExists does not excuse an unsupported key",
        identity: [doc(st(), st("Deny", condition: #"{"StringEqualsIfExists":{"aws:SomethingNew":"x"}}"#))],
        expect: .deny(.explicitDenyInIdentityPolicy), unsupported: true),
    .init(
        name: "a key a service declared absent does not make a Deny apply",
        identity: [doc(st(), st("Deny", condition: #"{"StringEquals":{"ecr:ResourceTag/env":"prod"}}"#))],
        keys: ["ecr:ResourceTag/env": []], expect: .allow),
    .init(
        name: "a supported clause that fails decides before an unsupported one",
        identity: [
            doc(
                st(),
                st(
                    "Deny",
                    condition:
                        #"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"StringEqualz":{"aws:username":"x"}}"#))
        ],
        expect: .allow),
    .init(
        name: "an unsupported policy variable in a Deny resource denies",
        identity: [
            doc(st(), st("Deny", resource: q("arn:aws:ecr:us-east-1:111111111111:repository/${aws:SomethingNew}")))
        ],
        expect: .deny(.explicitDenyInIdentityPolicy), unsupported: true),
]

@Suite("Policy evaluation")
struct PolicyEvaluationTableTests {
    @Test("the table has at least 80 cases") func size() {
        #expect(cases.count >= 80)
    }

    @Test("decides as AWS does", arguments: cases)
    func decides(_ testCase: EvaluationCase) {
        let decision = testCase.run()
        switch testCase.expect {
        case .allow:
            #expect(decision.isAllowed, "\(decision.explanation)")
            #expect(decision.denial == nil)
        case .deny(let reason):
            #expect(!decision.isAllowed, "\(decision.explanation)")
            #expect(decision.denial?.reason == reason, "\(decision.explanation)")
        }
        #expect(decision.unsupported.isEmpty == !testCase.unsupported, "\(decision.unsupported)")
    }
}
