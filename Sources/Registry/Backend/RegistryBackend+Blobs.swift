import AWSCore
import Foundation
import Storage

/// A blob ready to be sent.
public struct ServedBlob: Sendable, Equatable {
    public var link: BlobLink
    public var path: String
}

extension RegistryBackend {
    /// A blob linked into the repository (BLOB_UNKNOWN otherwise; NAME_UNKNOWN for no repository
    /// in ECR).
    public func blob(_ namespace: RegistryNamespace, _ repository: String, digest: String) throws -> ServedBlob {
        try store.read { transaction in
            try requireRepository(namespace, repository, otherwise: .blobUnknown(digest), in: transaction)
            guard let link = try transaction.blobLink(namespace.id, repository, digest) else {
                throw RegistryError.blobUnknown(digest)
            }
            return ServedBlob(link: link, path: try blobStore.path(for: digest))
        }
    }

    public func deleteBlob(_ namespace: RegistryNamespace, _ repository: String, digest: String) throws {
        try store.write { transaction in
            try requireRepository(namespace, repository, otherwise: .blobUnknown(digest), in: transaction)
            guard try transaction.unlinkBlob(namespace.id, repository, digest) else {
                throw RegistryError.blobUnknown(digest)
            }
        }
    }

    /// Links a blob of `from` into `to` without moving bytes; nil when `from` does not hold it
    /// (the client then uploads as usual).
    public func mountBlob(_ namespace: RegistryNamespace, from: String, to: String, digest: String) throws -> BlobLink?
    {
        guard RepositoryName.isValid(from), Digest.isValid(digest) else { return nil }
        return try store.write { transaction in
            guard try transaction.blobLink(namespace.id, from, digest) != nil else { return nil }
            try prepareRepositoryForPush(namespace, to, in: transaction)
            return try transaction.linkExistingBlob(digest, namespace.id, to)
        }
    }

    // MARK: Uploads

    /// Starts an upload session.
    public func startUpload(_ namespace: RegistryNamespace, _ repository: String) throws -> UploadRecord {
        let path = blobStore.newUploadPath()
        let id = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        let upload = UploadRecord(
            id: id, namespace: namespace.id, repository: repository, path: path, startedAt: store.clock.now())
        try store.write { transaction in
            try prepareRepositoryForPush(namespace, repository, in: transaction)
            try UploadFile.create(path)
            try transaction.insertUpload(upload)
        }
        return upload
    }

    /// The upload and how many bytes it holds; BLOB_UPLOAD_UNKNOWN for another repository's
    /// upload, a finished or cancelled one, or one whose file a restart removed.
    public func uploadStatus(_ namespace: RegistryNamespace, _ repository: String, id: String) throws -> (
        upload: UploadRecord, size: Int64
    ) {
        guard let upload = try store.read({ try $0.upload(id) }),
            upload.namespace == namespace.id, upload.repository == repository
        else { throw RegistryError.blobUploadUnknown(id) }
        guard let size = UploadFile.size(upload.path) else {
            try store.write { try $0.deleteUpload(id) }
            throw RegistryError.blobUploadUnknown(id)
        }
        return (upload, size)
    }

    /// Appends a chunk. With a `Content-Range` it must start where the upload ends and be as long
    /// as the body, else 416 RANGE_INVALID (the OCI spec's out-of-order chunk). Returns the new size.
    @discardableResult
    public func appendToUpload(
        _ namespace: RegistryNamespace, _ repository: String, id: String, body: StreamingPayload, contentRange: String?,
        location: String
    ) throws -> Int64 {
        try uploadLocks.withLock(id) {
            let (upload, size) = try uploadStatus(namespace, repository, id: id)
            try check(contentRange, body: body, size: size, id: id, location: location)
            try UploadFile.append(body, to: upload.path, currentSize: size)
            return UploadFile.size(upload.path) ?? size + Int64(body.count)
        }
    }

    /// Appends the last chunk (if any), verifies the whole upload against `digest`
    /// (DIGEST_INVALID, and the upload is dropped) and links the blob into the repository.
    public func completeUpload(
        _ namespace: RegistryNamespace, _ repository: String, id: String, digest: String?, body: StreamingPayload,
        contentRange: String?, location: String
    ) throws -> BlobLink {
        try uploadLocks.withLock(id) {
            let (upload, size) = try uploadStatus(namespace, repository, id: id)
            // A missing or malformed digest keeps the upload, so the client may retry.
            guard let digest, !digest.isEmpty else { throw RegistryError.digestInvalid(detail: "digest missing") }
            guard Digest.isValid(digest) else { throw RegistryError.digestInvalid(detail: "digest parsing failed") }
            if body.count > 0 {
                try check(contentRange, body: body, size: size, id: id, location: location)
                try UploadFile.append(body, to: upload.path, currentSize: size)
            }
            let staged = try blobStore.adopt(file: upload.path)
            guard staged.digest == digest else {
                try? blobStore.discard(staged)
                try store.write { try $0.deleteUpload(id) }
                throw RegistryError.digestInvalid(detail: "digest \(digest) does not match uploaded content")
            }
            return try store.write { transaction in
                try prepareRepositoryForPush(namespace, repository, in: transaction)
                try transaction.deleteUpload(id)
                return try transaction.linkStagedBlob(staged, namespace.id, repository)
            }
        }
    }

    public func cancelUpload(_ namespace: RegistryNamespace, _ repository: String, id: String) throws {
        try uploadLocks.withLock(id) {
            let (upload, _) = try uploadStatus(namespace, repository, id: id)
            try store.write { try $0.deleteUpload(id) }
            UploadFile.remove(upload.path)
        }
    }

    /// `POST …/blobs/uploads/?digest=`: the whole blob in one request.
    public func uploadMonolithic(
        _ namespace: RegistryNamespace, _ repository: String, digest: String, body: StreamingPayload
    )
        throws -> BlobLink
    {
        guard Digest.isValid(digest) else { throw RegistryError.digestInvalid(detail: "digest parsing failed") }
        let staged = try stage(body)
        guard staged.digest == digest else {
            try? blobStore.discard(staged)
            throw RegistryError.digestInvalid(detail: "digest \(digest) does not match uploaded content")
        }
        do {
            return try store.write { transaction in
                try prepareRepositoryForPush(namespace, repository, in: transaction)
                return try transaction.linkStagedBlob(staged, namespace.id, repository)
            }
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
    }

    /// Hashes a request body into a staged blob: a body spooled into the uploads directory is
    /// adopted where it lies, anything else is streamed into a new staging file.
    public func stage(_ body: StreamingPayload) throws -> StagedBlob {
        if let spooled = body.spooledFilePath, let staged = try? blobStore.adopt(file: spooled) {
            return staged
        }
        let writer = try blobStore.makeWriter()
        try body.forEachChunk { try writer.write($0) }
        return try writer.finish()
    }

    private func check(_ contentRange: String?, body: StreamingPayload, size: Int64, id: String, location: String)
        throws
    {
        guard let contentRange else { return }
        guard let range = ChunkRange(contentRange), range.start == size,
            range.end - range.start + 1 == Int64(body.count)
        else { throw RegistryError.rangeInvalid(location: location, uploadID: id, size: size) }
    }
}
