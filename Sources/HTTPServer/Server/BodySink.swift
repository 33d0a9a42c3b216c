#if canImport(Glibc)
    import Glibc
#endif

/// Collects a body: in memory while it is small, in a spool file once it is not. The server
/// uses it for request bodies; services use it for bodies they decode (aws-chunked).
public struct BodySink {
    let threshold: Int
    let maximum: Int
    let directory: String
    private var memory: [UInt8] = []
    private var fd: Int32 = -1
    private var path = ""
    public private(set) var count = 0

    public init(threshold: Int, maximum: Int, directory: String) {
        self.threshold = threshold
        self.maximum = maximum
        self.directory = directory
    }

    /// Sizes the memory buffer for a body of known length, or starts the spool file at once.
    mutating func expect(_ length: Int) {
        if length <= threshold { memory.reserveCapacity(length) }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        count += bytes.count
        guard count <= maximum else {
            discard()
            throw HTTPParseError.bodyTooLarge
        }
        if fd < 0 && count <= threshold {
            memory.append(contentsOf: bytes)
            return
        }
        if fd < 0 {
            try openSpoolFile()
            try memory.withUnsafeBytes { try writeToFile($0) }
            memory = []
        }
        try writeToFile(bytes)
    }

    public mutating func finish() throws -> HTTPBody {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
            return .file(SpooledFile(path: path, length: count))
        }
        return count == 0 ? .empty : .bytes(memory)
    }

    /// Removes a half-written spool file when the request fails.
    public mutating func discard() {
        if fd >= 0 {
            Glibc.close(fd)
            unlink(path)
            fd = -1
        }
        memory = []
    }

    private mutating func openSpoolFile() throws {
        let name = (directory.hasSuffix("/") ? directory : directory + "/") + "body-" + Self.randomName()
        let file = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw SystemError.last("open spool file") }
        fd = file
        path = name
    }

    static func randomName() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined()
    }

    private mutating func writeToFile(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let error = SystemError.last("write")
                discard()
                throw error
            }
            offset += n
        }
    }
}
