import CZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams one entry's bytes into an open file descriptor — inflating deflate data through
/// zlib — while counting bytes against a limit and computing the CRC-32 on the way.
enum EntryWriter {
    static let chunk = 64 * 1024

    struct Written {
        var bytes: UInt64
        var crc: UInt32
    }

    /// Copies a ZIP entry's data. Stops with `entryTooLarge` as soon as the output passes `limit`,
    /// whatever the entry declared.
    static func copy(
        _ entry: ZipEntry, name: String, from archive: ZipArchive, to fd: Int32, limit: UInt64
    ) throws(BundleError) -> Written {
        try stream(entry, name: name, from: archive, limit: limit) { chunk throws(BundleError) in
            try writeAll(fd, chunk, name: name)
        }
    }

    typealias Sink = (UnsafeRawBufferPointer) throws(BundleError) -> Void

    private static func stream(
        _ entry: ZipEntry, name: String, from archive: ZipArchive, limit: UInt64, into sink: Sink
    ) throws(BundleError) -> Written {
        let start = try archive.dataOffset(of: entry)
        switch entry.method {
        case ZipEntry.stored:
            return try copyStored(entry, name: name, file: archive.file, start: start, limit: limit, into: sink)
        case ZipEntry.deflated:
            return try inflate(entry, name: name, file: archive.file, start: start, limit: limit, into: sink)
        default:
            throw .unsupportedCompression(entry: name, method: entry.method)
        }
    }

    /// Reads a whole small entry (a symbolic link's target) into memory.
    static func contents(_ entry: ZipEntry, name: String, from archive: ZipArchive, limit: UInt64) throws(BundleError)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        let written = try stream(entry, name: name, from: archive, limit: limit) { chunk throws(BundleError) in
            bytes.append(contentsOf: chunk)
        }
        try verify(entry, name: name, written)
        return bytes
    }

    /// Size and CRC-32 must match the central directory, or the archive is damaged.
    static func verify(_ entry: ZipEntry, name: String, _ written: Written) throws(BundleError) {
        if written.bytes != entry.uncompressedSize {
            throw .sizeMismatch(entry: name, declared: entry.uncompressedSize, actual: written.bytes)
        }
        if written.crc != entry.crc32 {
            throw .checksumMismatch(entry: name)
        }
    }

    private static func copyStored(
        _ entry: ZipEntry, name: String, file: ArchiveFile, start: UInt64, limit: UInt64, into sink: Sink
    ) throws(BundleError) -> Written {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var written = Written(bytes: 0, crc: UInt32(crc32(0, nil, 0)))
        var remaining = entry.compressedSize
        var offset = start
        while remaining > 0 {
            let want = Int(min(UInt64(chunk), remaining))
            let n = try file.read(at: offset, into: buffer, capacity: want)
            if n == 0 { throw .corruptArchive(reason: "the data of '\(name)' ends early") }
            if written.bytes + UInt64(n) > limit { throw .entryTooLarge(entry: name, limit: limit) }
            try sink(UnsafeRawBufferPointer(start: buffer, count: n))
            written.crc = UInt32(crc32(uLong(written.crc), buffer.assumingMemoryBound(to: Bytef.self), uInt(n)))
            written.bytes += UInt64(n)
            remaining -= UInt64(n)
            offset += UInt64(n)
        }
        return written
    }

    private static func inflate(
        _ entry: ZipEntry, name: String, file: ArchiveFile, start: UInt64, limit: UInt64, into sink: Sink
    ) throws(BundleError) -> Written {
        let input = UnsafeMutablePointer<Bytef>.allocate(capacity: chunk)
        let output = UnsafeMutablePointer<Bytef>.allocate(capacity: chunk)
        defer {
            input.deallocate()
            output.deallocate()
        }
        var stream = z_stream()
        guard czlib_inflate_init_raw(&stream) == Z_OK else {
            throw .io(path: name, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var written = Written(bytes: 0, crc: UInt32(crc32(0, nil, 0)))
        var remaining = entry.compressedSize
        var offset = start
        var finished = false
        while !finished {
            if stream.avail_in == 0 {
                guard remaining > 0 else {
                    throw .corruptArchive(reason: "the compressed data of '\(name)' ends early")
                }
                let want = Int(min(UInt64(chunk), remaining))
                let n = try file.read(at: offset, into: UnsafeMutableRawPointer(input), capacity: want)
                if n == 0 { throw .corruptArchive(reason: "the data of '\(name)' ends early") }
                remaining -= UInt64(n)
                offset += UInt64(n)
                stream.next_in = input
                stream.avail_in = uInt(n)
            }
            stream.next_out = output
            stream.avail_out = uInt(chunk)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                finished = true
            default:
                throw .corruptArchive(reason: "the compressed data of '\(name)' is invalid")
            }
            let produced = chunk - Int(stream.avail_out)
            if produced > 0 {
                if written.bytes + UInt64(produced) > limit { throw .entryTooLarge(entry: name, limit: limit) }
                try sink(UnsafeRawBufferPointer(start: output, count: produced))
                written.crc = UInt32(crc32(uLong(written.crc), output, uInt(produced)))
                written.bytes += UInt64(produced)
            } else if status == Z_BUF_ERROR && stream.avail_in != 0 {
                throw .corruptArchive(reason: "the compressed data of '\(name)' is invalid")
            }
        }
        return written
    }

    /// Copies a file from disk (folder bundles).
    static func copy(file path: String, name: String, to fd: Int32, limit: UInt64) throws(BundleError) -> UInt64 {
        let source = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard source >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(source) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var total: UInt64 = 0
        while true {
            let n = read(source, buffer, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return total }
            if total + UInt64(n) > limit { throw .entryTooLarge(entry: name, limit: limit) }
            try writeAll(fd, UnsafeRawBufferPointer(start: buffer, count: n), name: name)
            total += UInt64(n)
        }
    }

    private static func writeAll(_ fd: Int32, _ chunk: UnsafeRawBufferPointer, name: String) throws(BundleError) {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        var done = 0
        while done < count {
            let n = write(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: name, reason: String(cString: strerror(errno)))
            }
            done += n
        }
    }
}
