import AWSCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file an upload's bytes accumulate in, inside the blob store's uploads directory.
enum UploadFile {
    static func create(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw UploadFileError.last("open") }
        close(fd)
    }

    /// Current length, or nil when the file is gone (a restart cleans the uploads directory).
    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Appends `body`. A body the server spooled to a file next to `path` is renamed into place
    /// when the upload is still empty, so a large layer is never copied.
    static func append(_ body: StreamingPayload, to path: String, currentSize: Int64) throws {
        if currentSize == 0, let spooled = body.spooledFilePath, rename(spooled, path) == 0 {
            return
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw UploadFileError.last("open") }
        defer { close(fd) }
        try body.forEachChunk { chunk in
            var offset = 0
            while offset < chunk.count {
                let written = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw UploadFileError.last("write")
                }
                offset += written
            }
        }
    }

    static func remove(_ path: String) {
        unlink(path)
    }
}

/// A `Content-Range` of a chunk: `<start>-<end>` as the OCI spec writes it, also accepted with a
/// `bytes ` / `bytes=` prefix and a `/<total>` suffix as some clients send it.
struct ChunkRange: Equatable {
    var start: Int64
    var end: Int64

    init?(_ header: String) {
        var text = Substring(header.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("bytes") {
            text = text.dropFirst(5).drop { $0 == " " || $0 == "=" }
        }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int64(parts[0]), let end = Int64(parts[1]), start >= 0, end >= start else {
            return nil
        }
        self.start = start
        self.end = end
    }
}

/// A failed system call on an upload file.
struct UploadFileError: Error, CustomStringConvertible {
    var call: String
    var code: Int32

    static func last(_ call: String) -> UploadFileError {
        UploadFileError(call: call, code: errno)
    }

    var description: String { "\(call) failed: \(String(cString: strerror(code))) (errno \(code))" }
}
