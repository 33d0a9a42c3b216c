import AWSCore
import Foundation
import KMS
import Storage

/// Secrets Manager's behaviour: plain values in, result shapes or `SecretsManagerError` out. No
/// HTTP, no SQL (that is `SecretsStore`). Every operation asks IAM first, with
/// `secretsmanager:<Operation>` on the secret's ARN.
struct SecretsManagerBackend: Sendable {
    let store: SecretsStore
    let authorization: SecretsAuthorization
    let clock: AWSClock
    /// Where the `aws/secretsmanager` key lives and secret values are sealed.
    let kms: KMSKeys

    init(database: Database, authorizer: any Authorizer, clock: AWSClock) {
        store = SecretsStore(database: database)
        authorization = SecretsAuthorization(authorizer: authorizer)
        self.clock = clock
        kms = KMSKeys(database: database, clock: clock)
    }

    func scope(_ context: RequestContext) -> SecretsScope {
        SecretsScope(accountID: context.accountID, region: context.region)
    }

    // MARK: Finding a secret

    /// The secret `secretID` names, after IAM allowed the operation on it. A secret that does not
    /// exist is still asked about (on the ARN or name given), so a caller without permission
    /// learns nothing about which secrets exist.
    func find(_ secretID: String, context: RequestContext) throws -> StoredSecret {
        let scope = scope(context)
        let now = clock.now()
        let secret = try store.write { transaction -> StoredSecret? in
            try transaction.purgeExpired(now: now)
            switch SecretID(secretID) {
            case .name(let name):
                return try transaction.secret(scope, name: name)
            case .arn(let arn):
                return try transaction.secret(arn: arn).flatMap { $0.scope == scope ? $0 : nil }
            case .partialARN(let named, let name):
                return named == scope ? try transaction.secret(scope, name: name) : nil
            }
        }
        guard let secret else {
            let asked: String
            switch SecretID(secretID) {
            case .name(let name): asked = "arn:aws:secretsmanager:\(scope.region):\(scope.accountID):secret:\(name)"
            case .arn(let arn): asked = arn
            case .partialARN: asked = secretID
            }
            try authorization.require(context, on: asked)
            throw SecretsManagerError.resourceNotFound
        }
        try authorization.require(context, on: secret.arn)
        return secret
    }

    /// `find`, refusing a secret marked for deletion.
    func findLive(_ secretID: String, context: RequestContext) throws -> StoredSecret {
        let secret = try find(secretID, context: context)
        if secret.deletedDate != nil { throw SecretsManagerError.markedForDeletion }
        return secret
    }

    // MARK: Values

    /// The scope's `aws/secretsmanager` key, created on first use when `create` is true.
    func managedKey(_ scope: SecretsScope, create: Bool) throws -> KMSKey? {
        try kms.managedKey(.secretsManager, in: scope.kms, create: create)
    }

    /// Exactly one of SecretString and SecretBinary, within the size Secrets Manager takes.
    func value(string: String?, binary: Data?) throws(SecretsManagerError) -> (bytes: [UInt8], isBinary: Bool)? {
        switch (string, binary) {
        case (.some, .some):
            throw .invalidParameter(
                "You can't specify both a binary secret value and a string secret value in the same secret.")
        case (.some(let text), nil):
            guard text.utf8.count <= SecretRules.maxValueBytes else {
                throw .invalidParameter("You can't store a secret value larger than 65536 bytes.")
            }
            return (Array(text.utf8), false)
        case (nil, .some(let data)):
            guard data.count <= SecretRules.maxValueBytes else {
                throw .invalidParameter("You can't store a secret value larger than 65536 bytes.")
            }
            return (Array(data), true)
        case (nil, nil):
            return nil
        }
    }

    /// A new sealed version; asks `kms:GenerateDataKey` on the managed key first.
    func sealVersion(
        _ value: (bytes: [UInt8], isBinary: Bool), versionID: String, secretARN: String, scope: SecretsScope,
        context: RequestContext
    ) throws -> StoredVersion {
        guard let key = try managedKey(scope, create: true) else { throw AWSError.internalFailure() }
        try authorization.requireKMS(context, action: "kms:GenerateDataKey", key: key, secretARN: secretARN)
        let blob = try kms.encrypt(
            value.bytes, with: key, context: .secretVersion(arn: secretARN, versionID: versionID))
        return StoredVersion(versionID: versionID, ciphertext: blob, isBinary: value.isBinary, createdDate: clock.now())
    }

    /// The plaintext of a version; asks `kms:Decrypt` on the managed key first.
    func open(_ version: StoredVersion, secret: StoredSecret, context: RequestContext) throws -> [UInt8] {
        guard let key = try kms.key(sealing: version.ciphertext, in: secret.scope.kms, storedBy: .secretsManager)
        else {
            throw AWSError.internalFailure("The key that encrypted this secret is missing from the state.")
        }
        try authorization.requireKMS(context, action: "kms:Decrypt", key: key, secretARN: secret.arn)
        let encryptionContext = EncryptionContext.secretVersion(arn: secret.arn, versionID: version.versionID)
        guard
            let plaintext = kms.decrypt(
                version.ciphertext, with: key, context: encryptionContext, storedBy: .secretsManager)
        else {
            throw AWSError.internalFailure("A secret value could not be decrypted.")
        }
        return plaintext
    }

    /// Version id → its stages, for versions that have at least one.
    func stagesByVersion(secretID: Int64, in transaction: SecretsTransaction) throws -> [String: [String]] {
        var byVersion: [String: [String]] = [:]
        for (stage, version) in try transaction.stages(secretID: secretID) {
            byVersion[version, default: []].append(stage)
        }
        return byVersion.mapValues { $0.sorted() }
    }

    /// `ClientRequestToken` becomes the version id; without one a UUID is minted, as the SDKs do.
    func versionID(_ token: String?) throws(SecretsManagerError) -> String {
        guard let token else { return UUID().uuidString.lowercased() }
        try SecretRules.checkToken(token)
        return token
    }

    func tagPairs(_ tags: [Tag]) throws(SecretsManagerError) -> [(key: String, value: String)] {
        try tags.map { tag throws(SecretsManagerError) in
            guard let key = tag.Key, !key.isEmpty, key.count <= 128 else {
                throw .invalidParameter("You must specify a tag key that is between 1 and 128 characters.")
            }
            return (key, tag.Value ?? "")
        }
    }
}
