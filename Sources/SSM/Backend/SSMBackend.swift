import AWSCore
import Foundation
import KMS
import Storage

/// Parameter Store's behaviour: plain values in, result shapes or `SSMError` out. No HTTP, no SQL
/// (that is `SSMStore`), no JSON. Every operation asks IAM first, with the action the router
/// named (`ssm:GetParameter`, …) and the parameter's ARN.
struct SSMBackend: Sendable {
    let store: SSMStore
    let authorization: SSMAuthorization
    let clock: AWSClock
    /// Where the `aws/ssm` key lives and SecureStrings are sealed.
    let kms: KMSKeys
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
        kms = KMSKeys(database: database, clock: clock)
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
    func managedKey(_ scope: SSMScope, create: Bool) throws -> KMSKey? {
        try kms.managedKey(.ssm, in: scope.kms, create: create)
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
            guard let key = try keys.key(sealing: blob, scope, backend: self) else {
                throw AWSError.internalFailure("The key that encrypted this parameter is missing from the state.")
            }
            try keys.authorizeDecrypt(key, parameterARN: parameterARN, context: context, authorization: authorization)
            guard
                let plaintext = kms.decrypt(
                    blob, with: key, context: .parameter(arn: parameterARN), storedBy: .ssm)
            else {
                throw AWSError.internalFailure("A SecureString value could not be decrypted.")
            }
            return String(decoding: plaintext, as: UTF8.self)
        }
    }
}

/// Keys looked up and decryptions allowed during one request, so a listing asks once per key.
final class KeyCache {
    private var keys: [String: KMSKey?] = [:]
    private var allowed: Set<String> = []

    /// The key that sealed `blob` (every layout Parameter Store wrote names its key).
    func key(sealing blob: [UInt8], _ scope: SSMScope, backend: SSMBackend) throws -> KMSKey? {
        guard let keyID = KMSKeys.keyID(of: blob, storedBy: .ssm) else { return nil }
        if let key = keys[keyID] { return key }
        let key = try backend.kms.key(id: keyID, in: scope.kms)
        keys[keyID] = key
        return key
    }

    /// `kms:Decrypt` is asked per parameter, since its ARN is part of the request's context.
    func authorizeDecrypt(
        _ key: KMSKey, parameterARN: String, context: RequestContext, authorization: SSMAuthorization
    ) throws(SSMError) {
        guard !allowed.contains(parameterARN) else { return }
        try authorization.requireKMS(context, action: "kms:Decrypt", key: key, parameterARN: parameterARN)
        allowed.insert(parameterARN)
    }
}
