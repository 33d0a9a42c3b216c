import Crypto
import Foundation
import Storage

/// A manifest ready to be sent: its record and where its bytes are.
public struct ServedManifest: Sendable, Equatable {
    public var record: ManifestRecord
    public var path: String
    /// The manifest itself when it is small and came from the cache of served manifests: sent
    /// with the head in one write instead of opened and sent from its file.
    public var bytes: [UInt8]? = nil
}

/// A manifest GET as the cache of served manifests keys it: the Accept values as sent.
struct ManifestRequest: Hashable, Sendable {
    var namespace: RegistryNamespace
    var repository: String
    var reference: ManifestReference
    var accept: [String]
}

extension RegistryBackend {
    /// Manifests up to this size are kept in memory with their cache entry (most are a few KiB;
    /// with 256 entries at most 4 MiB).
    static let manifestBytesKept: Int64 = 16 * 1024

    /// `manifest(_:_:reference:accepting:)` for a GET's Accept header values, from the cache of
    /// served manifests when nothing was written since the same request was answered.
    public func manifest(
        _ namespace: RegistryNamespace, _ repository: String, reference: ManifestReference, acceptHeaderValues: [String]
    ) throws -> ServedManifest {
        let request = ManifestRequest(
            namespace: namespace, repository: repository, reference: reference, accept: acceptHeaderValues)
        return try servedManifests.value(for: request) {
            var served = try manifest(
                namespace, repository, reference: reference,
                accepting: AcceptedMediaTypes(headerValues: acceptHeaderValues))
            if served.record.size <= Self.manifestBytesKept { served.bytes = try readManifestBytes(served.record) }
            return served
        }
    }

    /// Finds a manifest by tag or digest and negotiates its media type with the client's Accept
    /// headers, the way registry:2 does: OCI manifests and indexes are never served to a client
    /// that does not accept them; a Docker manifest list asked for by tag by a client that does
    /// not accept lists is answered with its linux/amd64 image (or its first entry).
    public func manifest(
        _ namespace: RegistryNamespace, _ repository: String, reference: ManifestReference,
        accepting accepted: AcceptedMediaTypes = AcceptedMediaTypes(headerValues: [])
    ) throws -> ServedManifest {
        try store.read { transaction in
            try requireRepository(namespace, repository, otherwise: .manifestUnknown(reference), in: transaction)
            let record = try find(namespace, repository, reference, in: transaction)
            if accepted.admits(record.mediaType) { return try served(record) }
            switch record.mediaType {
            case MediaType.ociManifest:
                throw RegistryError.manifestNotAcceptable(
                    message: "OCI manifest found, but accept header does not support OCI manifests")
            case MediaType.ociIndex:
                throw RegistryError.manifestNotAcceptable(
                    message: "OCI index found, but accept header does not support OCI indexes")
            case MediaType.dockerManifestList:
                guard case .tag = reference else { return try served(record) }
                let list = try ManifestDocument.parse(try readManifestBytes(record), contentType: record.mediaType)
                let chosen =
                    list.manifests.first { $0.platform?.os == "linux" && $0.platform?.architecture == "amd64" }
                    ?? list.manifests.first
                guard let chosen, let child = try transaction.manifest(namespace.id, repository, digest: chosen.digest)
                else { throw RegistryError.manifestUnknown(reference) }
                return try served(child)
            default:
                // Docker schema 2 to a client that did not ask for it: registry:2 once converted
                // to schema 1, which no current client needs; serve it as stored.
                return try served(record)
            }
        }
    }

    func find(
        _ namespace: RegistryNamespace, _ repository: String, _ reference: ManifestReference,
        in transaction: RegistryTransaction
    ) throws -> ManifestRecord {
        let digest: String
        switch reference {
        case .tag(let tag):
            guard let target = try transaction.tagTarget(namespace.id, repository, tag: tag) else {
                throw RegistryError.manifestUnknown(reference)
            }
            digest = target
        case .digest(let value):
            digest = value
        }
        guard let record = try transaction.manifest(namespace.id, repository, digest: digest) else {
            throw RegistryError.manifestUnknown(reference)
        }
        return record
    }

    private func served(_ record: ManifestRecord) throws -> ServedManifest {
        ServedManifest(record: record, path: try blobStore.path(for: record.digest))
    }

    /// The stored bytes of a manifest (at most 4 MiB by construction).
    public func readManifestBytes(_ record: ManifestRecord) throws -> [UInt8] {
        let reader = try blobStore.open(record.digest)
        defer { reader.close() }
        return try reader.readAll()
    }

    /// Stores a manifest under a tag or its digest. Checks its shape (MANIFEST_INVALID), that a
    /// digest reference matches the bytes (DIGEST_INVALID), and that every blob or child manifest
    /// it names is already in the repository (MANIFEST_BLOB_UNKNOWN, one entry per missing digest).
    /// Returns the manifest's digest.
    @discardableResult
    public func putManifest(
        _ namespace: RegistryNamespace, _ repository: String, reference: ManifestReference, bytes: [UInt8],
        contentType: String?
    ) throws -> String {
        let document = try ManifestDocument.parse(bytes, contentType: contentType)
        let digest = Hex.sha256Digest(bytes)
        if case .digest(let expected) = reference, expected != digest {
            throw RegistryError.digestInvalid(detail: "manifest digest \(digest) does not match \(expected)")
        }
        let writer = try blobStore.makeWriter()
        try writer.write(bytes)
        let staged = try writer.finish()
        do {
            try store.write { transaction in
                try prepareRepositoryForPush(namespace, repository, in: transaction)
                var missing: [String] = []
                for blob in document.requiredBlobs
                where try transaction.blobLink(namespace.id, repository, blob) == nil {
                    missing.append(blob)
                }
                for child in document.manifests
                where try transaction.manifest(namespace.id, repository, digest: child.digest) == nil
                    && !missing.contains(child.digest)
                {
                    missing.append(child.digest)
                }
                guard missing.isEmpty else { throw RegistryError.manifestBlobUnknown(missing) }
                try transaction.insertManifest(
                    staged, mediaType: document.mediaType, references: document.references, namespace.id, repository)
                if case .tag(let tag) = reference {
                    let previous = try transaction.tagTarget(namespace.id, repository, tag: tag)
                    if previous != digest {
                        try tagPolicy?(
                            TagChange(
                                namespace: namespace, repository: repository, tag: tag, previousDigest: previous,
                                newDigest: digest), transaction)
                        try transaction.setTag(namespace.id, repository, tag: tag, digest: digest)
                    }
                }
            }
        } catch {
            // Nothing references the staged copy unless the transaction committed it.
            try? blobStore.discard(staged)
            throw error
        }
        return digest
    }

    /// DELETE by tag removes the tag; by digest removes the manifest and every tag on it.
    public func deleteManifest(_ namespace: RegistryNamespace, _ repository: String, reference: ManifestReference)
        throws
    {
        try store.write { transaction in
            try requireRepository(namespace, repository, otherwise: .manifestUnknown(reference), in: transaction)
            switch reference {
            case .tag(let tag):
                guard try transaction.deleteTag(namespace.id, repository, tag: tag) else {
                    throw RegistryError.manifestUnknown(reference)
                }
            case .digest(let digest):
                guard try transaction.deleteManifest(namespace.id, repository, digest: digest) else {
                    throw RegistryError.manifestUnknown(reference)
                }
            }
        }
    }
}
