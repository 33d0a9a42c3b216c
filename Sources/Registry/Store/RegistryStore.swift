import AWSCore
import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// The registry's content tables. A backend runs a `read` or a `write` and calls the
/// transaction's methods inside it, so each operation sees one snapshot and commits all of its
/// changes or none.
///
/// Reference counting: every `registry_blob_link` and `registry_manifest` row holds exactly one
/// blob-store reference, taken when the row is inserted and released when it is deleted, in the
/// same transaction.
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
    public func read<T>(_ body: (RegistryTransaction) throws -> T) throws -> T {
        try database.read { try body(RegistryTransaction(connection: $0, blobStore: blobStore, clock: clock)) }
    }

    @discardableResult
    public func write<T>(_ body: (RegistryTransaction) throws -> T) throws -> T {
        try database.write { try body(RegistryTransaction(connection: $0, blobStore: blobStore, clock: clock)) }
    }
}

/// The registry's statements in one transaction. Stores whose rows go with the registry's (ECR's,
/// the emulated registries' configuration) build their transactions on it, so one operation
/// changes both in one commit.
public struct RegistryTransaction {
    /// For those stores' own statements; nothing outside a store touches it.
    public let connection: Connection
    let blobStore: BlobStore
    let clock: AWSClock

    var now: Double { clock.now().timeIntervalSince1970 }

    // MARK: Repositories

    public func repositoryExists(_ namespace: String, _ name: String) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 FROM registry_repository WHERE namespace = ? AND name = ?", [.text(namespace), .text(name)])
            != nil
    }

    /// Creates the repository if it is missing; true when it was created now.
    @discardableResult
    public func createRepository(_ namespace: String, _ name: String) throws -> Bool {
        try connection.run(
            "INSERT INTO registry_repository (namespace, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [.text(namespace), .text(name), .real(now)])
        return connection.changes == 1
    }

    /// Repository names in lexical order after `last`, at most `limit` (all when nil).
    public func repositories(_ namespace: String, after last: String?, limit: Int?) throws
        -> [String]
    {
        try connection.query(
            "SELECT name FROM registry_repository WHERE namespace = ? AND name > ? ORDER BY name LIMIT ?",
            [.text(namespace), .text(last ?? ""), .integer(Int64(limit ?? -1))]
        ).map { try $0.string(0) }
    }

    /// Deletes a repository with everything in it, releasing its blobs; false if it did not exist.
    @discardableResult
    public func deleteRepository(_ namespace: String, _ name: String) throws -> Bool {
        guard try repositoryExists(namespace, name) else { return false }
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
    public func deleteNamespace(_ namespace: String) throws {
        for name in try repositories(namespace, after: nil, limit: nil) {
            try deleteRepository(namespace, name)
        }
    }

    // MARK: Blobs

    public func blobLink(_ namespace: String, _ repository: String, _ digest: String) throws
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
    public func linkStagedBlob(_ staged: StagedBlob, _ namespace: String, _ repository: String) throws -> BlobLink {
        if let existing = try blobLink(namespace, repository, staged.digest) {
            try blobStore.discard(staged)
            return existing
        }
        let ref = try blobStore.commit(staged, in: connection)
        try insertLink(namespace, repository, ref)
        return BlobLink(digest: ref.digest, size: ref.size)
    }

    /// Links a blob the store already holds (a cross-repository mount).
    @discardableResult
    public func linkExistingBlob(_ digest: String, _ namespace: String, _ repository: String) throws -> BlobLink {
        if let existing = try blobLink(namespace, repository, digest) { return existing }
        let ref = try blobStore.addReference(digest, in: connection)
        try insertLink(namespace, repository, ref)
        return BlobLink(digest: ref.digest, size: ref.size)
    }

    private func insertLink(_ namespace: String, _ repository: String, _ ref: BlobRef) throws {
        try connection.run(
            "INSERT INTO registry_blob_link (namespace, repository, digest, size, created_at) VALUES (?, ?, ?, ?, ?)",
            [.text(namespace), .text(repository), .text(ref.digest), .integer(ref.size), .real(now)])
    }

    /// Removes a blob from a repository; false when it was not linked there.
    @discardableResult
    public func unlinkBlob(_ namespace: String, _ repository: String, _ digest: String) throws
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

    public func manifest(_ namespace: String, _ repository: String, digest: String) throws
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
    public func manifests(_ namespace: String, _ repository: String) throws -> [ManifestRecord] {
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
        _ namespace: String, _ repository: String, manifest digest: String
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
        _ repository: String
    ) throws {
        if try manifest(namespace, repository, digest: staged.digest) != nil {
            try blobStore.discard(staged)
            return
        }
        try blobStore.commit(staged, in: connection)
        try connection.run(
            """
            INSERT INTO registry_manifest (namespace, repository, digest, media_type, size, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(namespace), .text(repository), .text(staged.digest), .text(mediaType), .integer(staged.size),
                .real(now),
            ])
        for (position, reference) in references.enumerated() {
            try connection.run(
                """
                INSERT INTO registry_manifest_reference
                    (namespace, repository, manifest_digest, position, kind, digest, size, media_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(namespace), .text(repository), .text(staged.digest), .int(position),
                    .text(reference.kind.rawValue),
                    .text(reference.digest), .integer(reference.size), .text(reference.mediaType),
                ])
        }
    }

    /// Deletes a manifest and every tag that points at it; false when it was not there.
    @discardableResult
    public func deleteManifest(_ namespace: String, _ repository: String, digest: String) throws
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

    public func tagTarget(_ namespace: String, _ repository: String, tag: String) throws
        -> String?
    {
        try connection.queryOne(
            "SELECT digest FROM registry_tag WHERE namespace = ? AND repository = ? AND tag = ?",
            [.text(namespace), .text(repository), .text(tag)]
        ).map { try $0.string(0) }
    }

    /// Points `tag` at a stored manifest, returning the digest it pointed at before.
    @discardableResult
    public func setTag(_ namespace: String, _ repository: String, tag: String, digest: String) throws -> String? {
        let previous = try tagTarget(namespace, repository, tag: tag)
        try connection.run(
            """
            INSERT INTO registry_tag (namespace, repository, tag, digest, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (namespace, repository, tag) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at
            """, [.text(namespace), .text(repository), .text(tag), .text(digest), .real(now)])
        return previous
    }

    @discardableResult
    public func deleteTag(_ namespace: String, _ repository: String, tag: String) throws -> Bool {
        try connection.run(
            "DELETE FROM registry_tag WHERE namespace = ? AND repository = ? AND tag = ?",
            [.text(namespace), .text(repository), .text(tag)])
        return connection.changes == 1
    }

    /// Tags in lexical order after `last`, at most `limit` (all when nil).
    public func tags(_ namespace: String, _ repository: String, after last: String?, limit: Int?) throws -> [String] {
        try connection.query(
            "SELECT tag FROM registry_tag WHERE namespace = ? AND repository = ? AND tag > ? ORDER BY tag LIMIT ?",
            [.text(namespace), .text(repository), .text(last ?? ""), .integer(Int64(limit ?? -1))]
        ).map { try $0.string(0) }
    }

    /// Tags pointing at one manifest, in lexical order.
    public func tags(_ namespace: String, _ repository: String, digest: String) throws -> [String] {
        try connection.query(
            "SELECT tag FROM registry_tag WHERE namespace = ? AND repository = ? AND digest = ? ORDER BY tag",
            [.text(namespace), .text(repository), .text(digest)]
        ).map { try $0.string(0) }
    }

    // MARK: Uploads

    public func insertUpload(_ upload: UploadRecord) throws {
        try connection.run(
            "INSERT INTO registry_upload (id, namespace, repository, path, started_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(upload.id), .text(upload.namespace), .text(upload.repository), .text(upload.path),
                .real(upload.startedAt.timeIntervalSince1970),
            ])
    }

    public func upload(_ id: String) throws -> UploadRecord? {
        try connection.queryOne(
            "SELECT id, namespace, repository, path, started_at FROM registry_upload WHERE id = ?", [.text(id)]
        ).map { row in
            UploadRecord(
                id: try row.string("id"), namespace: try row.string("namespace"),
                repository: try row.string("repository"),
                path: try row.string("path"), startedAt: Date(timeIntervalSince1970: try row.double("started_at")))
        }
    }

    public func deleteUpload(_ id: String) throws {
        try connection.run("DELETE FROM registry_upload WHERE id = ?", [.text(id)])
    }
}
