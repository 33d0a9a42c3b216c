import Foundation

/// A secret key and the identity it signs for.
public struct Credential: Sendable {
    public var secretAccessKey: String
    public var identity: CallerIdentity
    /// Set for temporary (role session) credentials: the token must accompany every request.
    public var sessionToken: String?
    public var expiration: Date?

    public init(secretAccessKey: String, identity: CallerIdentity, sessionToken: String? = nil, expiration: Date? = nil)
    {
        self.secretAccessKey = secretAccessKey
        self.identity = identity
        self.sessionToken = sessionToken
        self.expiration = expiration
    }
}

/// Where SigV4 verification looks up access keys. The IAM service provides the real store;
/// the default knows only the root key of the default account.
public protocol CredentialStore: Sendable {
    func credential(forAccessKey accessKeyID: String) -> Credential?
}

/// The convention users of other local emulators expect: key `test`, secret `test`, the root
/// user of account 000000000000.
public struct DefaultCredentials: CredentialStore {
    public static let accountID = "000000000000"
    public static let accessKeyID = "test"
    public static let secretAccessKey = "test"

    public init() {}

    public func credential(forAccessKey accessKeyID: String) -> Credential? {
        guard accessKeyID == Self.accessKeyID else { return nil }
        return Credential(
            secretAccessKey: Self.secretAccessKey,
            identity: .root(accountID: Self.accountID, accessKeyID: accessKeyID))
    }
}
