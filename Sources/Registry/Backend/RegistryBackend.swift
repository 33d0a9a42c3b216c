import AWSCore
import Foundation
import Storage

/// A tag about to move: what ECR's tag-immutability check needs to refuse it.
public struct TagChange: Sendable {
    public var namespace: RegistryNamespace
    public var repository: String
    public var tag: String
    /// The digest the tag points at now, nil for a new tag.
    public var previousDigest: String?
    public var newDigest: String
}

/// Called inside the write transaction that moves a tag; throwing refuses the push.
public typealias TagPolicy = @Sendable (TagChange, RegistryTransaction) throws -> Void

/// The registry's behaviour, in the distribution spec's words: repositories, manifests, tags,
/// blobs and uploads. No HTTP here; plain values in, values or `RegistryError` out. The HTTP
/// handlers and ECR's API operations (PutImage, BatchGetImage, layer uploads) both call it.
public struct RegistryBackend: Sendable {
    public let store: RegistryStore
    public let tagPolicy: TagPolicy?
    let uploadLocks = UploadLocks()
    /// Manifest GETs (every pull starts with some) answered from memory until the next write.
    let servedManifests: ReadCache<ManifestRequest, ServedManifest>

    public init(store: RegistryStore, tagPolicy: TagPolicy? = nil) {
        self.store = store
        self.tagPolicy = tagPolicy
        servedManifests = ReadCache(database: store.database, limit: 256)
    }

    var blobStore: BlobStore { store.blobStore }

    // MARK: Repositories

    /// Throws NAME_UNKNOWN unless the repository exists.
    public func requireRepository(
        _ namespace: RegistryNamespace, _ repository: String, in transaction: RegistryTransaction
    ) throws {
        guard try transaction.repositoryExists(namespace.id, repository) else {
            throw RegistryError.nameUnknown(repository)
        }
    }

    /// Before reading a manifest or blob. ECR answers a missing repository with NAME_UNKNOWN;
    /// registry:2 has no repositories apart from their content, so it answers with the content's
    /// own error (`manifest unknown` is what docker prints for a missing image on registry:2).
    func requireRepository(
        _ namespace: RegistryNamespace, _ repository: String, otherwise contentError: RegistryError,
        in transaction: RegistryTransaction
    ) throws {
        guard try transaction.repositoryExists(namespace.id, repository) else {
            throw namespace.flavor == .ecr ? RegistryError.nameUnknown(repository) : contentError
        }
    }

    /// Before a push: creates the repository where pushes do (registry:2), else requires it (ECR).
    public func prepareRepositoryForPush(
        _ namespace: RegistryNamespace, _ repository: String, in transaction: RegistryTransaction
    ) throws {
        if namespace.createsRepositoriesOnPush {
            try transaction.createRepository(namespace.id, repository)
        } else {
            try requireRepository(namespace, repository, in: transaction)
        }
    }

    // MARK: Catalog and tags

    /// One page of names after `last`, and whether more follow.
    public struct Page: Sendable, Equatable {
        public var names: [String]
        public var hasMore: Bool
    }

    public func catalog(_ namespace: RegistryNamespace, last: String?, limit: Int) throws -> Page {
        try store.read { transaction in
            let names = try transaction.repositories(namespace.id, after: last, limit: limit + 1)
            return Page(names: Array(names.prefix(limit)), hasMore: names.count > limit)
        }
    }

    public func tags(_ namespace: RegistryNamespace, _ repository: String, last: String?, limit: Int?) throws -> Page {
        try store.read { transaction in
            try requireRepository(namespace, repository, in: transaction)
            let tags = try transaction.tags(namespace.id, repository, after: last, limit: limit.map { $0 + 1 })
            guard let limit else { return Page(names: tags, hasMore: false) }
            return Page(names: Array(tags.prefix(limit)), hasMore: tags.count > limit)
        }
    }
}
