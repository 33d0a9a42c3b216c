#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open, read-only blob file. The descriptor stays valid even if the blob is deleted
/// meanwhile, so a response that started streaming can finish. Closed on `close()` or deinit.
public final class BlobReader {
    /// The file descriptor (for sendfile(2) or read(2)); -1 once closed.
    public private(set) var fileDescriptor: Int32
    /// Size of the file when it was opened.
    public let size: Int64
    /// The blob's path.
    public let path: String

    init(path: String) throws {
        let fd = try POSIXFile.openFile(path, O_RDONLY | O_NOFOLLOW)
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            POSIXFile.closeDescriptor(fd)
            throw BlobStoreError.io(operation: "fstat", path: path, errno: code)
        }
        self.fileDescriptor = fd
        self.size = Int64(info.st_size)
        self.path = path
    }

    deinit { close() }

    /// Reads the next bytes into `buffer`; returns 0 at end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard fileDescriptor >= 0 else { throw BlobStoreError.closed }
        return try POSIXFile.readChunk(fileDescriptor, into: buffer, path: path)
    }

    /// Reads the rest of the file (for small blobs; stream large ones).
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Int(size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes the descriptor. Safe to call more than once.
    public func close() {
        guard fileDescriptor >= 0 else { return }
        POSIXFile.closeDescriptor(fileDescriptor)
        fileDescriptor = -1
    }
}

@available(*, unavailable, message: "a BlobReader is owned by one thread")
extension BlobReader: Sendable {}
