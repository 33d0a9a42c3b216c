import Foundation
import Registry

/// An image of a repository as ECR describes it, read from the registry's tables: a manifest,
/// the tags on it, and its size.
struct StoredImage: Sendable, Equatable {
    var record: ManifestRecord
    var tags: [String]
    /// Compressed layer sizes added up; for an index, its largest child (the API reference's
    /// definition of `imageSizeInBytes`).
    var size: Int64
    /// The config's media type for an image; nil for an index.
    var artifactMediaType: String?

    var digest: String { record.digest }

    /// Every image of a repository, oldest push first.
    static func all(_ namespace: String, _ repository: String, in registry: RegistryTransaction) throws
        -> [StoredImage]
    {
        let records = try registry.manifests(namespace, repository)
        var images: [String: StoredImage] = [:]
        var children: [String: [String]] = [:]
        for record in records {
            let references = try registry.references(namespace, repository, manifest: record.digest)
            let layers = references.filter { $0.kind == .layer }.reduce(Int64(0)) { $0 + $1.size }
            images[record.digest] = StoredImage(
                record: record, tags: try registry.tags(namespace, repository, digest: record.digest),
                size: layers, artifactMediaType: references.first { $0.kind == .config }?.mediaType)
            children[record.digest] = references.filter { $0.kind == .manifest }.map(\.digest)
        }
        for (digest, list) in children where !list.isEmpty {
            let largest = list.compactMap { images[$0]?.size }.max() ?? 0
            images[digest]?.size = largest
        }
        return records.compactMap { images[$0.digest] }
    }
}
