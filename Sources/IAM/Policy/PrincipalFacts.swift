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

    /// One of the global condition keys IAM fills for every request from this principal, by its
    /// lowercased name: nil when IAM does not fill it for this principal, an empty list when it
    /// is known and absent (`aws:username` of a role session).
    func globalKey(_ name: String) -> [String]? {
        switch name {
        case "aws:principalisawsservice": return [kind == .service ? "true" : "false"]
        case "aws:viaawsservice": return ["false"]
        default: break
        }
        guard kind != .service else { return nil }
        if name == "aws:principaltype" {
            switch kind {
            case .root: return ["Account"]
            case .user: return ["User"]
            case .assumedRole: return ["AssumedRole"]
            case .anonymous: return ["Anonymous"]
            case .service: return ["Service"]
            }
        }
        guard kind != .anonymous else { return nil }
        switch name {
        case "aws:principalarn": return [principalARN]
        case "aws:principalaccount": return [accountID]
        case "aws:userid": return [userID]
        case "aws:username": return kind == .user ? [IAMARN.lastComponent(arn)] : []
        case "aws:tokenissuetime": return tokenIssueTime.map { [IAMDate.iso8601($0)] } ?? []
        case "aws:multifactorauthpresent": return tokenIssueTime == nil ? [] : ["false"]
        default: break
        }
        let tagPrefix = "aws:principaltag/"
        guard name.hasPrefix(tagPrefix) else { return nil }
        let tag = name.dropFirst(tagPrefix.count)
        // Tag keys compare case-insensitively, as condition key names do.
        return tags.first(where: { $0.key.lowercased() == tag }).map { [$0.value] }
    }
}
