import AWSCore
import Foundation
import Storage

/// Parameter Store's behaviour: plain values in, result shapes or `SSMError` out. No HTTP, no SQL
/// (that is `SSMStore`), no JSON. Every operation asks IAM first, with the action the router
/// named (`ssm:GetParameter`, …) and the parameter's ARN.
struct SSMBackend: Sendable {
    let store: SSMStore
    let authorization: SSMAuthorization
    let clock: AWSClock
    var limits: SSMLimits
    /// GetParameter's lookups, kept until the next write (any PutParameter, label or delete).
    let resolved: ReadCache<ResolvedKey, Resolved>

    struct ResolvedKey: Hashable, Sendable {
        var reference: ParameterReference
        var caller: SSMScope
    }

    struct Resolved: Sendable {
        var parameter: StoredParameter
        var version: StoredVersion
    }

    init(database: Database, authorizer: any Authorizer, clock: AWSClock, limits: SSMLimits = SSMLimits()) {
        store = SSMStore(database: database)
        authorization = SSMAuthorization(authorizer: authorizer)
        self.clock = clock
        self.limits = limits
        resolved = ReadCache(database: database)
    }

    // MARK: Finding a parameter and version

    /// The parameter a reference names and the version its selector picks.
    func resolve(_ reference: ParameterReference, caller: SSMScope, in transaction: SSMTransaction) throws
        -> (StoredParameter, StoredVersion)
    {
        // Parameters shared from other accounts (through RAM) are not built: there are none.
        guard reference.scope == caller, let parameter = try transaction.parameter(caller, key: reference.name.key)
        else {
            throw SSMError.parameterNotFound
        }
        let shownName = reference.viaARN ? parameter.name.display : reference.name.display
        let number: Int64?
        switch reference.selector {
        case nil: number = parameter.latestVersion
        case .version(let version): number = version
        case .label(let label): number = try transaction.labelledVersion(parameterID: parameter.id, label: label)
        }
        guard let number, let version = try transaction.version(parameterID: parameter.id, number) else {
            throw SSMError.parameterVersionNotFound(name: shownName, selector: reference.selectorText ?? "")
        }
        return (parameter, version)
    }

    /// `resolve` in its own read transaction, answered from memory when nothing was written
    /// since the same reference was resolved.
    func resolveCached(_ reference: ParameterReference, caller: SSMScope) throws -> (StoredParameter, StoredVersion) {
        let found = try resolved.value(for: ResolvedKey(reference: reference, caller: caller)) {
            let (parameter, version) = try store.read { try resolve(reference, caller: caller, in: $0) }
            return Resolved(parameter: parameter, version: version)
        }
        return (found.parameter, found.version)
    }

    /// The name a response shows: as the caller spelled it, or as stored when they used an ARN.
    func shownName(_ reference: ParameterReference, _ parameter: StoredParameter) -> String {
        reference.viaARN ? parameter.name.display : reference.name.display
    }

    // MARK: SecureString values

    /// The scope's `aws/ssm` key, created on first use when `create` is true.
    func managedKey(_ scope: SSMScope, create: Bool) throws -> ManagedKey? {
        if let stored = try store.read({ try $0.key(scope) }) {
            return ManagedKey(scope: scope, keyID: stored.keyID, material: stored.material)
        }
        guard create else { return nil }
        let stored = try store.write { transaction in
            if let existing = try transaction.key(scope) { return existing }
            let key = StoredKey(keyID: UUID().uuidString.lowercased(), material: SecureStringCipher.makeKeyMaterial())
            try transaction.insertKey(scope, key, creationDate: clock.now())
            return key
        }
        return ManagedKey(scope: scope, keyID: stored.keyID, material: stored.material)
    }

    /// The value a response carries: plaintext, or for a SecureString without decryption the
    /// base64 of the stored ciphertext. Decrypting asks `kms:Decrypt` on the key.
    func shownValue(
        _ version: StoredVersion, parameterARN: String, scope: SSMScope, withDecryption: Bool,
        context: RequestContext, keys: KeyCache
    ) throws -> String {
        switch version.content {
        case .plain(let text):
            return text
        case .encrypted(let blob):
            guard withDecryption else { return Data(blob).base64EncodedString() }
            guard let key = try keys.key(scope, backend: self) else {
                throw AWSError.internalFailure("The key that encrypted this parameter is missing from the state.")
            }
            try keys.authorizeDecrypt(key, parameterARN: parameterARN, context: context, authorization: authorization)
            guard let plaintext = SecureStringCipher.open(blob, key: key, parameterARN: parameterARN) else {
                throw AWSError.internalFailure("A SecureString value could not be decrypted.")
            }
            return plaintext
        }
    }
}

/// Keys looked up and decryptions allowed during one request, so a listing asks once per key.
final class KeyCache {
    private var keys: [SSMScope: ManagedKey] = [:]
    private var allowed: Set<String> = []

    func key(_ scope: SSMScope, backend: SSMBackend) throws -> ManagedKey? {
        if let key = keys[scope] { return key }
        let key = try backend.managedKey(scope, create: false)
        keys[scope] = key
        return key
    }

    /// `kms:Decrypt` is asked per parameter, since its ARN is part of the request's context.
    func authorizeDecrypt(
        _ key: ManagedKey, parameterARN: String, context: RequestContext, authorization: SSMAuthorization
    ) throws(SSMError) {
        guard !allowed.contains(parameterARN) else { return }
        try authorization.requireKMS(context, action: "kms:Decrypt", key: key, parameterARN: parameterARN)
        allowed.insert(parameterARN)
    }
}
