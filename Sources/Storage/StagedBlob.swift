/// Bytes written to the uploads directory and hashed, not yet referenced by any row.
/// Pass it to `BlobStore.commit` inside a write transaction, or delete it with `BlobStore.discard`.
public struct StagedBlob: Sendable, Hashable {
    /// `sha256:<hex>`.
    public let digest: String
    /// The 64 hex digits of the SHA-256.
    public let hex: String
    /// Length in bytes.
    public let size: Int64
    /// Lowercase hex MD5 of the bytes (S3 ETags).
    public let md5Hex: String
    /// The staging file, inside the store's uploads directory.
    public let path: String
    /// Whether the staging file is already fsynced; if not, `commit` syncs it before it takes its
    /// digest's name (and skips that when identical bytes are already stored).
    let isSynced: Bool

    /// Only the store creates staged blobs, so their digest always matches their bytes.
    init(hex: String, size: Int64, md5Hex: String, path: String, isSynced: Bool = true) {
        self.digest = "sha256:" + hex
        self.hex = hex
        self.size = size
        self.md5Hex = md5Hex
        self.path = path
        self.isSynced = isSynced
    }
}

/// A committed, reference-counted blob: what a service stores in its own row.
public struct BlobRef: Sendable, Hashable {
    /// `sha256:<hex>`.
    public let digest: String
    /// Length in bytes.
    public let size: Int64

    public init(digest: String, size: Int64) {
        self.digest = digest
        self.size = size
    }
}

/// What a clean-up pass removed or found, for the start-up log.
public struct BlobCleanUpReport: Sendable, Equatable, CustomStringConvertible {
    /// Files and directories removed from `uploads/` (interrupted uploads).
    public var uploadsRemoved = 0
    /// Blob files without a `blob` row (a crash between file and row, or released blobs).
    public var orphanFilesRemoved = 0
    /// `blob` rows with a reference count of zero, deleted.
    public var unreferencedRowsRemoved = 0
    /// `blob` rows whose file is missing (left alone; reads of them will fail).
    public var rowsWithMissingFile = 0

    public init() {}

    public var description: String {
        "blob clean-up: \(uploadsRemoved) staged uploads removed, \(orphanFilesRemoved) orphan files removed, "
            + "\(unreferencedRowsRemoved) unreferenced rows removed, \(rowsWithMissingFile) rows missing their file"
    }
}
