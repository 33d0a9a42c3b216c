import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A request body as the server received it: small bodies in memory, large ones spooled to a
/// temporary file so that a 5 GiB upload never sits in memory.
public enum HTTPBody: Sendable {
    case empty
    case bytes([UInt8])
    case file(SpooledFile)

    public var count: Int {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .file(let file): file.length
        }
    }

    /// The whole body in memory. For bodies that are small by contract (JSON and query APIs,
    /// XML documents); callers that stream (objects, layers) use `forEachChunk`.
    public func readAll() throws -> [UInt8] {
        switch self {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .file(let file):
            var result = [UInt8]()
            result.reserveCapacity(file.length)
            try file.forEachChunk { result.append(contentsOf: $0) }
            return result
        }
    }

    /// Calls `body` with successive pieces of the body, at most 1 MiB each.
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch self {
        case .empty: return
        case .bytes(let bytes): try bytes.withUnsafeBytes { try body($0) }
        case .file(let file): try file.forEachChunk(body)
        }
    }
}

/// A temporary file holding a request body. It is removed when the last reference goes away,
/// unless a service moved it elsewhere first (the blob store renames it into place).
public final class SpooledFile: Sendable {
    public let path: String
    public let length: Int

    public init(path: String, length: Int) {
        self.path = path
        self.length = length
    }

    deinit {
        unlink(path)
    }

    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.last("open") }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("read")
            }
            if n == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}
