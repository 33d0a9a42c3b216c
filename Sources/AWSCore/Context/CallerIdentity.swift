/// Who signed a request: what `sts:GetCallerIdentity` would answer, plus the key used.
public struct CallerIdentity: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case root, user, assumedRole, anonymous
    }

    public var accountID: String
    public var arn: String
    public var userID: String
    public var accessKeyID: String
    public var kind: Kind

    public init(accountID: String, arn: String, userID: String, accessKeyID: String, kind: Kind) {
        self.accountID = accountID
        self.arn = arn
        self.userID = userID
        self.accessKeyID = accessKeyID
        self.kind = kind
    }

    public static func root(accountID: String, accessKeyID: String) -> CallerIdentity {
        CallerIdentity(
            accountID: accountID, arn: "arn:aws:iam::\(accountID):root", userID: accountID, accessKeyID: accessKeyID,
            kind: .root)
    }

    public static func anonymous(accountID: String) -> CallerIdentity {
        CallerIdentity(accountID: accountID, arn: "*", userID: "anonymous", accessKeyID: "", kind: .anonymous)
    }
}
