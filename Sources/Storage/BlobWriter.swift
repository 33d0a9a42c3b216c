import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams bytes into a new staging file, hashing them (SHA-256 and MD5) as they pass.
///
/// Owned by one thread (not `Sendable`). Writes go straight to write(2), so nothing is buffered
/// in user space and memory stays flat for any size. A failed write aborts the writer (the
/// staging file is removed); a writer dropped without `finish()` aborts too.
public final class BlobWriter {
    /// The staging file, inside the store's uploads directory.
    public let path: String
    /// Bytes written so far.
    public private(set) var size: Int64 = 0

    private var fd: Int32
    private var sha256 = SHA256()
    private var md5 = Insecure.MD5()

    init(path: String) throws {
        self.path = path
        self.fd = try POSIXFile.openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
    }

    deinit { abort() }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw BlobStoreError.closed }
        do {
            try POSIXFile.writeAll(fd, bytes, path: path)
        } catch {
            abort()
            throw error
        }
        sha256.update(bufferPointer: bytes)
        md5.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `data`.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Closes the file; the result can be committed. The fsync is left to `BlobStore.commit`,
    /// which makes the bytes durable before they take their digest's name, and needs none when
    /// identical bytes are already stored.
    public func finish() throws -> StagedBlob {
        guard fd >= 0 else { throw BlobStoreError.closed }
        close(fd)
        fd = -1
        return StagedBlob(
            hex: sha256.finalize().hexString, size: size, md5Hex: md5.finalize().hexString, path: path,
            isSynced: false)
    }

    /// Closes and removes the staging file. Safe to call more than once; a no-op after `finish()`.
    public func abort() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        try? POSIXFile.unlinkIfPresent(path)
    }
}

@available(*, unavailable, message: "a BlobWriter is owned by one thread")
extension BlobWriter: Sendable {}
