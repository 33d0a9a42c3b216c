import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Content-addressed bytes on disk, reference-counted in the `blob` table.
///
/// Layout under `root`: final files at `blobs/sha256/ab/<64 hex>` (ab = first two hex digits),
/// staging files at `uploads/<uuid>`. Bytes are staged and hashed first, then `commit` moves them
/// to their digest path inside the caller's write transaction.
///
/// Crash safety: a blob file is durable (fsync, rename, directory fsync) before its row commits,
/// so a row never points at a missing file; a crash in between leaves an orphan file that
/// `cleanUp` removes at the next start. Files are only deleted after the transaction that dropped
/// their last reference has ended, and only if no row exists then, so a rollback never leaves a
/// row without its file. Everything that changes `blobs/` runs under the database's writer lock.
public final class BlobStore: Sendable {
    /// The state root.
    public let root: String
    /// `root/blobs/sha256`.
    public let blobsDirectory: String
    /// `root/uploads`: staging files, and request bodies spooled by the HTTP server for `adopt`.
    public let uploadsDirectory: String

    /// Chunk size for hashing adopted files.
    static let readChunkSize = 1 << 20

    /// Uses (and creates if needed) the layout under `root`.
    public init(root: String) throws {
        self.root = root
        self.blobsDirectory = root + "/blobs/sha256"
        self.uploadsDirectory = root + "/uploads"
        try POSIXFile.makeDirectory(root)
        try POSIXFile.makeDirectory(root + "/blobs")
        try POSIXFile.makeDirectory(blobsDirectory)
        try POSIXFile.makeDirectory(uploadsDirectory)
    }

    // MARK: Staging

    /// A fresh, unused path in the uploads directory (for a request body to be spooled into
    /// and later passed to `adopt(file:)`).
    public func newUploadPath() -> String {
        uploadsDirectory + "/" + UUID().uuidString.lowercased()
    }

    /// Starts a new staging file.
    public func makeWriter() throws -> BlobWriter {
        try BlobWriter(path: newUploadPath())
    }

    /// Hashes a file that already lives in the uploads directory (read in 1 MiB chunks, never
    /// loaded whole) and returns it as staged (`commit` fsyncs it). The file stays where it is.
    public func adopt(file path: String) throws -> StagedBlob {
        let path = try uploadPath(path)
        let fd = try POSIXFile.openFile(path, O_RDONLY | O_NOFOLLOW)
        defer { POSIXFile.closeDescriptor(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw BlobStoreError.io(operation: "fstat", path: path, errno: errno) }
        guard POSIXFile.isRegularFile(info) else { throw BlobStoreError.notAnUpload(path: path) }

        var sha256 = SHA256()
        var md5 = Insecure.MD5()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: BlobStore.readChunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try POSIXFile.readChunk(fd, into: buffer, path: path)
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            sha256.update(bufferPointer: chunk)
            md5.update(bufferPointer: chunk)
            size += Int64(count)
        }
        return StagedBlob(
            hex: sha256.finalize().hexString, size: size, md5Hex: md5.finalize().hexString, path: path, isSynced: false)
    }

    /// Deletes a staged blob that will not be committed.
    public func discard(_ staged: StagedBlob) throws {
        try POSIXFile.unlinkIfPresent(try uploadPath(staged.path))
    }

    // MARK: References

    /// Moves the staged file to its digest path and adds one reference in `blob`, inside the
    /// caller's write transaction (`connection` from `Database.write`), so the reference commits
    /// or rolls back together with the caller's own row. Identical bytes are stored once.
    @discardableResult
    public func commit(_ staged: StagedBlob, in connection: Connection) throws -> BlobRef {
        try requireWriteTransaction(connection)
        let digest = try BlobDigest(staged.digest)
        let stagedPath = try uploadPath(staged.path)
        let finalPath = path(for: digest)

        if try POSIXFile.makeDirectory(shardDirectory(for: digest)) {
            try POSIXFile.fsyncDirectory(blobsDirectory)
        }
        // Reclaim the file if the transaction does not end up referencing it.
        connection.onTransactionEnd { [self] connection, _ in removeFileIfUnreferenced(digest, connection) }

        if let existing = try POSIXFile.status(finalPath), POSIXFile.isRegularFile(existing),
            Int64(existing.st_size) == staged.size
        {
            try POSIXFile.unlinkIfPresent(stagedPath)
        } else {
            // The bytes are fsynced here (if not already); rename + directory fsync makes
            // their new name durable before the row can commit. An existing file at the digest's
            // path (above) got here the same way, so identical bytes need no second fsync.
            if !staged.isSynced {
                let fd = try POSIXFile.openFile(stagedPath, O_RDONLY | O_NOFOLLOW)
                defer { POSIXFile.closeDescriptor(fd) }
                try POSIXFile.sync(fd, path: stagedPath)
            }
            try POSIXFile.move(stagedPath, finalPath)
            try POSIXFile.fsyncDirectory(shardDirectory(for: digest))
        }

        try connection.run(
            """
            INSERT INTO blob (digest, size, refcount) VALUES (?, ?, 1)
            ON CONFLICT (digest) DO UPDATE SET refcount = refcount + 1
            """,
            [.text(digest.string), .integer(staged.size)])
        return BlobRef(digest: digest.string, size: staged.size)
    }

    /// Adds one reference to an already committed blob (e.g. an object copy), returning its ref.
    @discardableResult
    public func addReference(_ digest: String, in connection: Connection) throws -> BlobRef {
        try requireWriteTransaction(connection)
        let digest = try BlobDigest(digest)
        guard
            let row = try connection.queryOne(
                "UPDATE blob SET refcount = refcount + 1 WHERE digest = ? RETURNING size", [.text(digest.string)])
        else { throw BlobStoreError.unknownBlob(digest: digest.string) }
        return BlobRef(digest: digest.string, size: try row.int64("size"))
    }

    /// Drops one reference. When the count reaches zero the row is deleted in this transaction and
    /// the file is removed once the transaction has committed (kept if it rolls back).
    public func release(_ digest: String, in connection: Connection) throws {
        try requireWriteTransaction(connection)
        let digest = try BlobDigest(digest)
        try connection.run(
            "UPDATE blob SET refcount = refcount - 1 WHERE digest = ? AND refcount > 0", [.text(digest.string)])
        guard connection.changes == 1 else { throw BlobStoreError.unknownBlob(digest: digest.string) }
        try connection.run("DELETE FROM blob WHERE digest = ? AND refcount = 0", [.text(digest.string)])
        connection.onTransactionEnd { [self] connection, _ in removeFileIfUnreferenced(digest, connection) }
    }

    // MARK: Reading

    /// Where the blob's file lives (for sendfile). Validates the digest first.
    public func path(for digest: String) throws -> String {
        path(for: try BlobDigest(digest))
    }

    /// Where the blob's file lives.
    public func path(for digest: BlobDigest) -> String {
        shardDirectory(for: digest) + "/" + digest.hex
    }

    /// Whether the blob's file is present.
    public func exists(_ digest: String) throws -> Bool {
        guard let info = try POSIXFile.status(path(for: digest)) else { return false }
        return POSIXFile.isRegularFile(info)
    }

    /// Size in bytes of the blob's file.
    public func size(_ digest: String) throws -> Int64 {
        let path = try path(for: digest)
        guard let info = try POSIXFile.status(path), POSIXFile.isRegularFile(info) else {
            throw BlobStoreError.io(operation: "stat", path: path, errno: ENOENT)
        }
        return Int64(info.st_size)
    }

    /// Opens the blob for streaming reads.
    public func open(_ digest: String) throws -> BlobReader {
        try BlobReader(path: path(for: digest))
    }

    // MARK: Internals

    func shardDirectory(for digest: BlobDigest) -> String {
        blobsDirectory + "/" + String(digest.hex.prefix(2))
    }

    private func requireWriteTransaction(_ connection: Connection) throws {
        guard connection.isInTransaction, !connection.isReadOnly else { throw BlobStoreError.notInWriteTransaction }
    }

    /// Checks that `path` names a file directly inside the uploads directory (symlinks in the
    /// directory part resolved) and returns it in canonical form.
    private func uploadPath(_ path: String) throws -> String {
        guard let slash = path.lastIndex(of: "/") else { throw BlobStoreError.notAnUpload(path: path) }
        let name = String(path[path.index(after: slash)...])
        let directory = String(path[..<slash])
        // The usual case, a path this store made, needs no symlink resolution (two realpath(3)
        // calls cost a dozen readlink(2)s per stored object).
        guard !name.isEmpty, name != ".", name != "..",
            try directory == uploadsDirectory
                || (try? POSIXFile.realPath(directory)) == (try POSIXFile.realPath(uploadsDirectory))
        else { throw BlobStoreError.notAnUpload(path: path) }
        return uploadsDirectory + "/" + name
    }

    /// Deletes the digest's file if no `blob` row refers to it. Runs at the end of a write
    /// transaction, under the writer lock, so no commit can race with it. Errors leave the file
    /// for the next clean-up.
    func removeFileIfUnreferenced(_ digest: BlobDigest, _ connection: Connection) {
        do {
            if try connection.queryOne("SELECT 1 FROM blob WHERE digest = ?", [.text(digest.string)]) == nil {
                try POSIXFile.unlinkIfPresent(path(for: digest))
            }
        } catch {
            // Left as an orphan; cleanUp removes it.
        }
    }
}
