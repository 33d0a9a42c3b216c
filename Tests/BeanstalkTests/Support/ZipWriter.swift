import CZlib
import Foundation

/// Builds ZIP archives byte by byte for tests, including ones no well-behaved archiver would
/// write: hostile names, lying sizes, wrong checksums, links, archives made "on Windows".
struct ZipWriter {
    enum Method: UInt16 {
        case stored = 0
        case deflate = 8
    }

    struct Entry {
        var name: String
        var data: [UInt8]
        /// Full `st_mode` (type and permission bits) for Unix-made entries.
        var mode: UInt32?
        var method: Method = .deflate
        /// 3 = Unix, 0 = MS-DOS.
        var host: UInt8 = 3
        var dosAttributes: UInt32 = 0
        var declaredSize: UInt64?
        var crcOverride: UInt32?
        var flags: UInt16 = 0
    }

    private(set) var entries: [Entry] = []

    mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644, method: Method = .deflate) {
        entries.append(Entry(name: name, data: Array(text.utf8), mode: 0o100000 | mode, method: method))
    }

    mutating func file(_ name: String, bytes: [UInt8], mode: UInt32 = 0o644, method: Method = .deflate) {
        entries.append(Entry(name: name, data: bytes, mode: 0o100000 | mode, method: method))
    }

    mutating func directory(_ name: String, mode: UInt32 = 0o755) {
        entries.append(
            Entry(name: name.hasSuffix("/") ? name : name + "/", data: [], mode: 0o040000 | mode, method: .stored))
    }

    mutating func symlink(_ name: String, to target: String) {
        entries.append(Entry(name: name, data: Array(target.utf8), mode: 0o120000 | 0o777, method: .stored))
    }

    mutating func add(_ entry: Entry) {
        entries.append(entry)
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let payload = entry.method == .deflate ? Self.deflate(entry.data) : entry.data
            let crc = entry.crcOverride ?? UInt32(crc32(0, entry.data, uInt(entry.data.count)))
            let size = UInt32(entry.declaredSize ?? UInt64(entry.data.count))
            let offset = UInt32(out.count)
            let flags = entry.flags | 0x0800
            out += le32(0x0403_4b50) + le16(20) + le16(flags) + le16(entry.method.rawValue) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(payload.count)) + le32(size) + le16(UInt16(name.count)) + le16(0) + name
            out += payload
            let external = (entry.mode.map { $0 << 16 } ?? 0) | entry.dosAttributes
            central += le32(0x0201_4b50) + le16(UInt16(entry.host) << 8 | 20) + le16(20) + le16(flags)
            central += le16(entry.method.rawValue) + le16(0) + le16(0x21) + le32(crc) + le32(UInt32(payload.count))
            central += le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(external) + le32(offset) + name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_raw(&stream, Z_DEFAULT_COMPRESSION) == Z_OK)
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 16
        var output = [UInt8](repeating: 0, count: bound)
        var input = data
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                precondition(CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
}
