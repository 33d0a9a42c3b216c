import AWSCore
import Foundation
import Registry

/// ECR's behaviour: plain values in, result shapes or `ECRError` out. No HTTP, no SQL (that
/// is `ECRStore` and the registry's `RegistryStore`), no JSON. Images and layers live in the
/// registry backend the data plane serves from, so a push through one is visible to the other.
struct ECRBackend: Sendable {
    let store: ECRStore
    let registry: RegistryBackend
    let authorization: ECRAuthorization
    let clock: AWSClock
    /// The server's base URL, for `proxyEndpoint`, `repositoryUri` and layer download URLs.
    let endpoint: @Sendable () -> String
    let tokenLifetime: TimeInterval
    let layerURLs: LayerURLSigner

    /// The registry a request acts on: `registryId` when given, else the caller's own.
    func target(_ registryID: String?, _ context: RequestContext) throws(ECRError) -> ECRRegistry {
        if let registryID { try ECRNames.checkRegistryID(registryID) }
        return ECRRegistry(accountID: registryID ?? context.accountID, region: context.region)
    }

    /// Reads the repository (nil if missing), asks IAM with its policy, then insists it exists:
    /// IAM decides before ECR says whether a repository exists, as AWS does.
    func authorizedRepository(
        _ context: RequestContext, _ registry: ECRRegistry, _ name: String, action: String? = nil,
        in transaction: ECRTransaction
    ) throws -> RepositoryRecord {
        try ECRNames.checkRepositoryName(name)
        let record = try transaction.repository(registry, name)
        try authorization.require(
            context, action: action, registry: registry, repository: name, policy: record?.policyText)
        guard let record else { throw ECRError.repositoryNotFound(name: name, registryID: registry.accountID) }
        return record
    }

    /// Runs `body` on a read snapshot with the repository authorized.
    func readRepository<T>(
        _ context: RequestContext, _ registryID: String?, _ name: String, action: String? = nil,
        _ body: (RepositoryRecord, ECRTransaction) throws -> T
    ) throws -> T {
        let registry = try target(registryID, context)
        return try store.read { transaction in
            try body(try authorizedRepository(context, registry, name, action: action, in: transaction), transaction)
        }
    }

    /// Runs `body` in a write transaction with the repository authorized.
    func writeRepository<T>(
        _ context: RequestContext, _ registryID: String?, _ name: String, action: String? = nil,
        _ body: (RepositoryRecord, ECRTransaction) throws -> T
    ) throws -> T {
        let registry = try target(registryID, context)
        return try store.write { transaction in
            try body(try authorizedRepository(context, registry, name, action: action, in: transaction), transaction)
        }
    }

    /// The `Repository` shape of a record.
    func describe(_ record: RepositoryRecord) -> Repository {
        Repository(
            repositoryArn: record.registry.repositoryARN(record.name), registryId: record.registry.accountID,
            repositoryName: record.name,
            repositoryUri: ECRHost.advertisedName(record.registry, endpoint: endpoint()) + "/" + record.name,
            createdAt: record.createdAt, imageTagMutability: record.mutability.setting,
            imageTagMutabilityExclusionFilters: record.mutability.exclusions.isEmpty
                ? nil
                : record.mutability.exclusions.map {
                    ImageTagMutabilityExclusionFilter(filterType: "WILDCARD", filter: $0)
                },
            imageScanningConfiguration: ImageScanningConfiguration(scanOnPush: record.scanOnPush),
            encryptionConfiguration: EncryptionConfiguration(
                encryptionType: record.encryptionType, kmsKey: record.kmsKey))
    }

    /// What ECR's API says for an error of the registry backend it called.
    static func apiError(_ error: RegistryError, _ record: RepositoryRecord) -> any Error {
        let name = record.name, registryID = record.registry.accountID
        switch error {
        case .nameUnknown:
            return ECRError.repositoryNotFound(name: name, registryID: registryID)
        case .custom(let code, _, let message, _) where code == "TAG_INVALID":
            return ECRError.imageTagAlreadyExists(message)
        case .manifestInvalid(let detail):
            return ECRError.invalidParameter(
                "Invalid parameter at 'ImageManifest' failed to satisfy constraint: '\(detail)'")
        default:
            return error
        }
    }
}

/// The tag-immutability rule, run by the registry backend inside the transaction that would
/// move a tag (pushes through the registry and PutImage alike). Other registries pass.
enum ECRTagPolicy {
    static func check(_ change: TagChange, _ transaction: RegistryTransaction) throws {
        guard change.namespace.flavor == .ecr, change.previousDigest != nil,
            let registry = Self.registry(of: change.namespace),
            let record = try ECRTransaction(registry: transaction).repository(registry, change.repository),
            record.mutability.isImmutable(change.tag)
        else { return }
        throw RegistryError.custom(
            code: "TAG_INVALID", status: 400,
            message: record.mutability.refusal(tag: change.tag, repository: change.repository))
    }

    /// `ecr:<account>:<region>` back to its registry.
    static func registry(of namespace: RegistryNamespace) -> ECRRegistry? {
        let parts = namespace.id.split(separator: ":")
        guard parts.count == 3, parts[0] == "ecr" else { return nil }
        return ECRRegistry(accountID: String(parts[1]), region: String(parts[2]))
    }
}
