import AWSCore
import Foundation

/// What policy evaluation needs to know about who is asking.
public struct PrincipalFacts: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case root, user, assumedRole, anonymous, service
    }

    public var kind: Kind
    public var accountID: String
    /// The ARN AWS names in messages: `arn:aws:iam::A:user/bob`, `arn:aws:sts::A:assumed-role/R/S`.
    public var arn: String
    /// `aws:PrincipalArn`: for a role session, the role's ARN (with its path), not the session's.
    public var principalARN: String
    public var userID: String
    /// For role sessions: the role's name and session name.
    public var roleName: String?
    public var sessionName: String?
    /// For service principals such as `ec2.amazonaws.com`.
    public var serviceName: String?
    public var tags: [String: String] = [:]
    /// For temporary credentials: when the session was issued.
    public var tokenIssueTime: Date?

    public init(
        kind: Kind, accountID: String, arn: String, principalARN: String? = nil, userID: String = "",
        roleName: String? = nil, sessionName: String? = nil, serviceName: String? = nil, tags: [String: String] = [:],
        tokenIssueTime: Date? = nil
    ) {
        self.kind = kind
        self.accountID = accountID
        self.arn = arn
        self.principalARN = principalARN ?? arn
        self.userID = userID
        self.roleName = roleName
        self.sessionName = sessionName
        self.serviceName = serviceName
        self.tags = tags
        self.tokenIssueTime = tokenIssueTime
    }

    /// Facts readable from the identity alone (the authorizer adds paths, tags and issue times).
    public init(_ caller: CallerIdentity) {
        switch caller.kind {
        case .root:
            self.init(kind: .root, accountID: caller.accountID, arn: caller.arn, userID: caller.userID)
        case .user:
            self.init(kind: .user, accountID: caller.accountID, arn: caller.arn, userID: caller.userID)
        case .assumedRole:
            let (role, session) = IAMARN.assumedRoleParts(caller.arn) ?? ("", "")
            self.init(
                kind: .assumedRole, accountID: caller.accountID, arn: caller.arn,
                principalARN: IAMARN.role(account: caller.accountID, path: "/", name: role), userID: caller.userID,
                roleName: role, sessionName: session)
        case .anonymous:
            self.init(kind: .anonymous, accountID: caller.accountID, arn: "*", userID: "anonymous")
        }
    }

    public static func service(_ name: String) -> PrincipalFacts {
        PrincipalFacts(kind: .service, accountID: "", arn: name, userID: name, serviceName: name)
    }

    /// The global condition keys IAM fills for every request from this principal.
    func globalKeys() -> [String: [String]] {
        var keys: [String: [String]] = [
            "aws:PrincipalIsAWSService": [kind == .service ? "true" : "false"],
            "aws:ViaAWSService": ["false"],
        ]
        guard kind != .service else { return keys }
        let type: String =
            switch kind {
            case .root: "Account"
            case .user: "User"
            case .assumedRole: "AssumedRole"
            case .anonymous: "Anonymous"
            case .service: "Service"
            }
        keys["aws:PrincipalType"] = [type]
        if kind == .anonymous { return keys }
        keys["aws:PrincipalArn"] = [principalARN]
        keys["aws:PrincipalAccount"] = [accountID]
        keys["aws:userid"] = [userID]
        keys["aws:username"] = kind == .user ? [IAMARN.lastComponent(arn)] : []
        for (key, value) in tags { keys["aws:PrincipalTag/\(key)"] = [value] }
        if let tokenIssueTime {
            keys["aws:TokenIssueTime"] = [IAMDate.iso8601(tokenIssueTime)]
            keys["aws:MultiFactorAuthPresent"] = ["false"]
        } else {
            keys["aws:TokenIssueTime"] = []
            keys["aws:MultiFactorAuthPresent"] = []
        }
        return keys
    }
}
