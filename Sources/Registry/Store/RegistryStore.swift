import AWSCore
import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// All SQL of the registry's content tables. Functions take the caller's connection, so ECR can
/// compose them with its own rows in one transaction; `read`/`write` open one.
///
/// Reference counting: every `registry_blob_link` and `registry_manifest` row holds exactly one
/// blob-store reference, taken when the row is inserted and released when it is deleted.
public struct RegistryStore: Sendable {
    public let database: Database
    public let blobStore: BlobStore
    public let clock: AWSClock

    public init(database: Database, blobStore: BlobStore, clock: AWSClock = .system) {
        self.database = database
        self.blobStore = blobStore
        self.clock = clock
    }

    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try database.read(body)
    }

    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try database.write(body)
    }

    var now: Double { clock.now().timeIntervalSince1970 }

    // MARK: Repositories

    public func repositoryExists(_ namespace: String, _ name: String, in connection: Connection) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 FROM registry_repository WHERE namespace = ? AND name = ?", [.text(namespace), .text(name)]) != nil
    }

    /// Creates the repository if it is missing; true when it was created now.
    @discardableResult
    public func createRepository(_ namespace: String, _ name: String, in connection: Connection) throws -> Bool {
        try connection.run(
            "INSERT INTO registry_repository (namespace, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(namespace), .text(name), .real(now)])
        return connection.changes == 1
    }

    /// Repository names in lexical order after `last`, at most `limit` (all when nil).
    public func repositories(_ namespace: String, after last: String?, limit: Int?, in connection: Connection) throws
        -> [String]
    {
        try connection.query(
            "SELECT name FROM registry_repository WHERE namespace = ? AND name > ? ORDER BY name LIMIT ?",
            [.text(namespace), .text(last ?? ""), .integer(Int64(limit ?? -1))]
        ).map { try $0.string(0) }
    }

    /// Deletes a repository with everything in it, releasing its blobs; false if it did not exist.
    @discardableResult
    public func deleteRepository(_ namespace: String, _ name: String, in connection: Connection) throws -> Bool {
        guard try repositoryExists(namespace, name, in: connection) else { return false }
        let scope: [SQLiteValue] = [.text(namespace), .text(name)]
        try connection.run("DELETE FROM registry_tag WHERE namespace = ? AND repository = ?", scope)
        for row in try connection.query(
            "DELETE FROM registry_manifest WHERE namespace = ? AND repository = ? RETURNING digest", scope)
        {
            try blobStore.release(try row.string(0), in: connection)
        }
        for row in try connection.query(
            "DELETE FROM registry_blob_link WHERE namespace = ? AND repository = ? RETURNING digest", scope)
        {
            try blobStore.release(try row.string(0), in: connection)
        }
        let uploads = try connection.query(
            "DELETE FROM registry_upload WHERE namespace = ? AND repository = ? RETURNING path", scope
        ).map { try $0.string(0) }
        // Upload files go only once the rows are gone for good.
        connection.onTransactionEnd { _, outcome in
            guard outcome == .committed else { return }
            for path in uploads { unlink(path) }
        }
        try connection.run("DELETE FROM registry_repository WHERE namespace = ? AND name = ?", scope)
        return true
    }

    /// Deletes every repository of a namespace.
    public func deleteNamespace(_ namespace: String, in connection: Connection) throws {
        for name in try repositories(namespace, after: nil, limit: nil, in: connection) {
            try deleteRepository(namespace, name, in: connection)
        }
    }

    // MARK: Blobs

    public func blobLink(_ namespace: String, _ repository: String, _ digest: String, in connection: Connection) throws
        -> BlobLink?
    {
        try connection.queryOne(
            "SELECT size FROM registry_blob_link WHERE namespace = ? AND repository = ? AND digest = ?",
            [.text(namespace), .text(repository), .text(digest)]
        ).map { BlobLink(digest: digest, size: try $0.int64(0)) }
    }

    /// Commits a staged blob and links it into the repository (or drops the staged copy when the
    /// repository already has it).
    @discardableResult
    public func linkStagedBlob(_ staged: StagedBlob, _ namespace: String, _ repository: String, in connection: Connection)
        throws -> BlobLink
    {
        if let existing = try blobLink(namespace, repository, staged.digest, in: connection) {
            try blobStore.discard(staged)
            return existing
        }
        let ref = try blobStore.commit(staged, in: connection)
        try insertLink(namespace, repository, ref, in: connection)
        return BlobLink(digest: ref.digest, size: ref.size)
    }

    /// Links a blob the store already holds (a cross-repository mount).
    @discardableResult
    public func linkExistingBlob(_ digest: String, _ namespace: String, _ repository: String, in connection: Connection)
        throws -> BlobLink
    {
        if let existing = try blobLink(namespace, repository, digest, in: connection) { return existing }
        let ref = try blobStore.addReference(digest, in: connection)
        try insertLink(namespace, repository, ref, in: connection)
        return BlobLink(digest: ref.digest, size: ref.size)
    }

    private func insertLink(_ namespace: String, _ repository: String, _ ref: BlobRef, in connection: Connection) throws {
        try connection.run(
            "INSERT INTO registry_blob_link (namespace, repository, digest, size, created_at) VALUES (?, ?, ?, ?, ?)",
            [.text(namespace), .text(repository), .text(ref.digest), .integer(ref.size), .real(now)])
    }

    /// Removes a blob from a repository; false when it was not linked there.
    @discardableResult
    public func unlinkBlob(_ namespace: String, _ repository: String, _ digest: String, in connection: Connection) throws
        -> Bool
    {
        try connection.run(
            "DELETE FROM registry_blob_link WHERE namespace = ? AND repository = ? AND digest = ?",
            [.text(namespace), .text(repository), .text(digest)])
        guard connection.changes == 1 else { return false }
        try blobStore.release(digest, in: connection)
        return true
    }

    // MARK: Manifests

    public func manifest(_ namespace: String, _ repository: String, digest: String, in connection: Connection) throws
        -> ManifestRecord?
    {
        try connection.queryOne(
            """
            SELECT digest, media_type, size, created_at FROM registry_manifest
            WHERE namespace = ? AND repository = ? AND digest = ?
            """, [.text(namespace), .text(repository), .text(digest)]
        ).map(Self.manifestRecord)
    }

    /// Every manifest of a repository, oldest first.
    public func manifests(_ namespace: String, _ repository: String, in connection: Connection) throws -> [ManifestRecord] {
        try connection.query(
            """
            SELECT digest, media_type, size, created_at FROM registry_manifest
            WHERE namespace = ? AND repository = ? ORDER BY created_at, digest
            """, [.text(namespace), .text(repository)]
        ).map(Self.manifestRecord)
    }

    private static func manifestRecord(_ row: Row) throws -> ManifestRecord {
        ManifestRecord(
            digest: try row.string("digest"), mediaType: try row.string("media_type"), size: try row.int64("size"),
            createdAt: Date(timeIntervalSince1970: try row.double("created_at")))
    }

    /// The descriptors a stored manifest names, in document order.
    public func references(
        _ namespace: String, _ repository: String, manifest digest: String, in connection: Connection
    ) throws -> [ManifestReferenceRecord] {
        try connection.query(
            """
            SELECT kind, digest, size, media_type FROM registry_manifest_reference
            WHERE namespace = ? AND repository = ? AND manifest_digest = ? ORDER BY position
            """, [.text(namespace), .text(repository), .text(digest)]
        ).map { row in
            ManifestReferenceRecord(
                kind: ManifestReferenceRecord.Kind(rawValue: try row.string("kind")) ?? .layer,
                digest: try row.string("digest"), size: try row.int64("size"), mediaType: try row.string("media_type"))
        }
    }

    /// Stores a manifest whose bytes were staged (the staged copy is dropped if it already exists).
    public func insertManifest(
        _ staged: StagedBlob, mediaType: String, references: [ManifestReferenceRecord], _ namespace: String,
        _ repository: String, in connection: Connection
    ) throws {
        if try manifest(namespace, repository, digest: staged.digest, in: connection) != nil {
            try blobStore.discard(staged)
            return
        }
        try blobStore.commit(staged, in: connection)
        try connection.run(
            """
            INSERT INTO registry_manifest (namespace, repository, digest, media_type, size, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.text(namespace), .text(repository), .text(staged.digest), .text(mediaType), .integer(staged.size), .real(now)])
        for (position, reference) in references.enumerated() {
            try connection.run(
                """
                INSERT INTO registry_manifest_reference
                    (namespace, repository, manifest_digest, position, kind, digest, size, media_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(namespace), .text(repository), .text(staged.digest), .int(position), .text(reference.kind.rawValue),
                    .text(reference.digest), .integer(reference.size), .text(reference.mediaType),
                ])
        }
    }

    /// Deletes a manifest and every tag that points at it; false when it was not there.
    @discardableResult
    public func deleteManifest(_ namespace: String, _ repository: String, digest: String, in connection: Connection) throws
        -> Bool
    {
        let key: [SQLiteValue] = [.text(namespace), .text(repository), .text(digest)]
        try connection.run("DELETE FROM registry_tag WHERE namespace = ? AND repository = ? AND digest = ?", key)
        try connection.run("DELETE FROM registry_manifest WHERE namespace = ? AND repository = ? AND digest = ?", key)
        guard connection.changes == 1 else { return false }
        try blobStore.release(digest, in: connection)
        return true
    }

    // MARK: Tags

    public func tagTarget(_ namespace: String, _ repository: String, tag: String, in connection: Connection) throws
        -> String?
    {
        try connection.queryOne(
            "SELECT digest FROM registry_tag WHERE namespace = ? AND repository = ? AND tag = ?",
            [.text(namespace), .text(repository), .text(tag)]
        ).map { try $0.string(0) }
    }

    /// Points `tag` at a stored manifest, returning the digest it pointed at before.
    @discardableResult
    public func setTag(_ namespace: String, _ repository: String, tag: String, digest: String, in connection: Connection)
        throws -> String?
    {
        let previous = try tagTarget(namespace, repository, tag: tag, in: connection)
        try connection.run(
            """
            INSERT INTO registry_tag (namespace, repository, tag, digest, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (namespace, repository, tag) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at
            """, [.text(namespace), .text(repository), .text(tag), .text(digest), .real(now)])
        return previous
    }

    @discardableResult
    public func deleteTag(_ namespace: String, _ repository: String, tag: String, in connection: Connection) throws -> Bool {
        try connection.run(
            "DELETE FROM registry_tag WHERE namespace = ? AND repository = ? AND tag = ?",
            [.text(namespace), .text(repository), .text(tag)])
        return connection.changes == 1
    }

    /// Tags in lexical order after `last`, at most `limit` (all when nil).
    public func tags(_ namespace: String, _ repository: String, after last: String?, limit: Int?, in connection: Connection)
        throws -> [String]
    {
        try connection.query(
            "SELECT tag FROM registry_tag WHERE namespace = ? AND repository = ? AND tag > ? ORDER BY tag LIMIT ?",
            [.text(namespace), .text(repository), .text(last ?? ""), .integer(Int64(limit ?? -1))]
        ).map { try $0.string(0) }
    }

    /// Tags pointing at one manifest, in lexical order.
    public func tags(_ namespace: String, _ repository: String, digest: String, in connection: Connection) throws -> [String] {
        try connection.query(
            "SELECT tag FROM registry_tag WHERE namespace = ? AND repository = ? AND digest = ? ORDER BY tag",
            [.text(namespace), .text(repository), .text(digest)]
        ).map { try $0.string(0) }
    }

    // MARK: Uploads

    public func insertUpload(_ upload: UploadRecord, in connection: Connection) throws {
        try connection.run(
            "INSERT INTO registry_upload (id, namespace, repository, path, started_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(upload.id), .text(upload.namespace), .text(upload.repository), .text(upload.path),
                .real(upload.startedAt.timeIntervalSince1970),
            ])
    }

    public func upload(_ id: String, in connection: Connection) throws -> UploadRecord? {
        try connection.queryOne(
            "SELECT id, namespace, repository, path, started_at FROM registry_upload WHERE id = ?", [.text(id)]
        ).map { row in
            UploadRecord(
                id: try row.string("id"), namespace: try row.string("namespace"), repository: try row.string("repository"),
                path: try row.string("path"), startedAt: Date(timeIntervalSince1970: try row.double("started_at")))
        }
    }

    public func deleteUpload(_ id: String, in connection: Connection) throws {
        try connection.run("DELETE FROM registry_upload WHERE id = ?", [.text(id)])
    }
}
