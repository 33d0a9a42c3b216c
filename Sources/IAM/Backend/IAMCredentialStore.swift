import AWSCore
import Foundation
import Storage

/// The keys SigV4 verification knows: the default root key `test`, a root key per account
/// (access key = the 12-digit account id, secret `test`), IAM users' `AKIA…` keys and the
/// `ASIA…` keys of role sessions, whose token and expiry the authenticator checks.
struct IAMCredentialStore: CredentialStore {
    let store: IAMStore
    /// Users' and sessions' keys as read from the tables, kept until the next write (a key
    /// deactivated or deleted, a session issued). Expiry is checked per request by SigV4.
    let stored: ReadCache<String, Credential?>
    static let accountRootSecret = "test"

    init(store: IAMStore) {
        self.store = store
        stored = ReadCache(database: store.database)
    }

    func credential(forAccessKey accessKeyID: String) -> Credential? {
        if let root = DefaultCredentials().credential(forAccessKey: accessKeyID) { return root }
        if accessKeyID.utf8.count == 12, accessKeyID.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return Credential(
                secretAccessKey: Self.accountRootSecret,
                identity: .root(accountID: accessKeyID, accessKeyID: accessKeyID))
        }
        // A failed read is not cached (and answers nil, as before).
        return (try? stored.value(for: accessKeyID) { try storedCredential(forAccessKey: accessKeyID) }) ?? nil
    }

    private func storedCredential(forAccessKey accessKeyID: String) throws -> Credential? {
        if accessKeyID.hasPrefix("ASIA") {
            guard let session = try store.read({ try $0.session(accessKeyID: accessKeyID) }) else { return nil }
            let identity = CallerIdentity(
                accountID: session.accountID, arn: session.arn, userID: session.userID, accessKeyID: accessKeyID,
                kind: .assumedRole)
            return Credential(
                secretAccessKey: session.secretAccessKey, identity: identity, sessionToken: session.sessionToken,
                expiration: session.expiresAt)
        }
        let found = try store.read { tables -> (AccessKey, IAMUser)? in
            guard let key = try tables.accessKey(accessKeyID), key.status == "Active",
                let user = try tables.user(account: key.accountID, name: key.userName)
            else { return nil }
            return (key, user)
        }
        guard let (key, user) = found else { return nil }
        return Credential(
            secretAccessKey: key.secretAccessKey,
            identity: CallerIdentity(
                accountID: user.accountID, arn: user.arn, userID: user.userID, accessKeyID: accessKeyID, kind: .user
            ))
    }
}
