import AWSCore
import Foundation
import Storage

/// The keys of every account and region, and what services do with them: find a key as KMS
/// resolves a `KeyId`, create a service's AWS managed key on first use, encrypt and decrypt under
/// an encryption context. Services call it in process, after asking IAM for the KMS action.
public struct KMSKeys: Sendable {
    let store: KMSStore
    let clock: AWSClock

    public init(database: Database, clock: AWSClock) {
        store = KMSStore(database: database)
        self.clock = clock
    }

    // MARK: Keys

    /// The AWS managed key of `service` (`alias/aws/ssm`, …), created with its alias on first
    /// use when `create` is true, as services create it the first time they encrypt.
    public func managedKey(_ service: AWSManagedKey, in scope: KMSScope, create: Bool) throws -> KMSKey? {
        if let key = try store.read({ try managedKey(service, in: scope, $0) }) { return key }
        guard create else { return nil }
        return try store.write { transaction in
            if let existing = try managedKey(service, in: scope, transaction) { return existing }
            let key = KMSKey(
                scope: scope, keyID: UUID().uuidString.lowercased(), material: Ciphertext.makeKeyMaterial(),
                creationDate: clock.now(), keyManager: .aws, managedFor: service)
            try transaction.insertKey(key)
            try transaction.insertAlias(scope, name: service.alias, keyID: key.keyID, creationDate: key.creationDate)
            return key
        }
    }

    private func managedKey(_ service: AWSManagedKey, in scope: KMSScope, _ transaction: KMSTransaction) throws
        -> KMSKey?
    {
        try transaction.alias(scope, name: service.alias).flatMap { try transaction.key(scope, keyID: $0) }
    }

    public func key(id keyID: String, in scope: KMSScope) throws -> KMSKey? {
        try store.read { try $0.key(scope, keyID: keyID) }
    }

    /// The key a `KeyId` (key ID, key ARN, alias name or alias ARN) names for `service` to use.
    /// Naming the service's own managed alias creates its key on first use. An AWS managed key of
    /// another service is not found: only its own service may use it.
    public func key(_ keyID: String, in scope: KMSScope, usedBy service: AWSManagedKey) throws -> KMSKey {
        let found: KMSKey?
        switch KeyReference(keyID, in: scope) {
        case .alias(service.alias)?:
            found = try managedKey(service, in: scope, create: true)
        case .alias(let name)?:
            found = try store.read { transaction in
                try transaction.alias(scope, name: name).flatMap { try transaction.key(scope, keyID: $0) }
            }
        case .keyID(let id)?:
            found = try key(id: id, in: scope)
        case nil:
            found = nil
        }
        guard let found, found.keyManager == .customer || found.managedFor == service else {
            throw KeyReference.notFound(keyID, in: scope)
        }
        return found
    }

    /// Whether `keyID` names the AWS managed key of `service`, created yet or not.
    public func names(_ keyID: String, managedKey service: AWSManagedKey, in scope: KMSScope) throws -> Bool {
        switch KeyReference(keyID, in: scope) {
        case .alias(let name)?: return name == service.alias
        case .keyID(let id)?: return try managedKey(service, in: scope, create: false)?.keyID == id
        case nil: return false
        }
    }

    // MARK: Encrypting

    /// A ciphertext of `plaintext` under `key`, bound to `context`.
    public func encrypt(_ plaintext: [UInt8], with key: KMSKey, context: EncryptionContext) throws -> [UInt8] {
        try Ciphertext.seal(plaintext, key: key, context: context)
    }

    /// The ID of the key a ciphertext names, without looking it up; nil when the layout names
    /// none (Secrets Manager's first layout, sealed with its managed key).
    public static func keyID(of ciphertext: [UInt8], storedBy service: AWSManagedKey) -> String? {
        Ciphertext.keyID(of: ciphertext, legacy: service.legacyLayout)
    }

    /// The key that sealed `ciphertext`, which `service` stored: the one it names, or the
    /// service's managed key for a layout that names none. Nil when that key is not in the state.
    public func key(sealing ciphertext: [UInt8], in scope: KMSScope, storedBy service: AWSManagedKey) throws
        -> KMSKey?
    {
        if let id = Self.keyID(of: ciphertext, storedBy: service) { return try key(id: id, in: scope) }
        return try managedKey(service, in: scope, create: false)
    }

    /// The plaintext, or nil unless `ciphertext` was sealed by `key` under the same context.
    /// `service` says how to read what it stored before this module.
    public func decrypt(
        _ ciphertext: [UInt8], with key: KMSKey, context: EncryptionContext, storedBy service: AWSManagedKey
    ) -> [UInt8]? {
        Ciphertext.open(ciphertext, key: key, context: context, legacy: service.legacyLayout)
    }
}
