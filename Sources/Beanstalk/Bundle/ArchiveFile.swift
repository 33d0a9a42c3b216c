import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only file read at explicit offsets (`pread`), so entries can be streamed without
/// loading the archive into memory.
final class ArchiveFile {
    let path: String
    let size: UInt64
    private let descriptor: Int32

    init(path: String) throws(BundleError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .sourceNotFound(path: path) }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .io(path: path, reason: reason)
        }
        self.path = path
        self.descriptor = fd
        self.size = UInt64(info.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Exactly `count` bytes at `offset`, or a corrupt-archive error if the file is shorter.
    func read(at offset: UInt64, count: Int) throws(BundleError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= size, UInt64(count) <= size - offset else {
            throw .corruptArchive(reason: "a record at offset \(offset) runs past the end of the file")
        }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 {
                throw .corruptArchive(reason: "unexpected end of file at offset \(offset + UInt64(done))")
            }
            done += n
        }
        return buffer
    }

    /// Reads up to `capacity` bytes into `buffer`; returns how many were read.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawPointer, capacity: Int) throws(BundleError) -> Int {
        while true {
            let n = pread(descriptor, buffer, capacity, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            return n
        }
    }
}

/// Little-endian field access over a byte array, bounds-checked.
struct ByteReader {
    let bytes: [UInt8]

    func u16(_ at: Int) -> UInt16 {
        guard at + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) -> UInt32 {
        guard at + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }

    func u64(_ at: Int) -> UInt64 {
        guard at + 8 <= bytes.count else { return 0 }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
    }
}
