import AWSCore

/// gzip (RFC 1952) around deflate "stored" blocks (RFC 1951 §3.2.4): no compression, but a valid
/// gzip stream every decompressor reads, built without zlib.
public enum Gzip {
    public static func stored(_ data: [UInt8]) -> [UInt8] {
        // Magic, deflate, no flags, mtime 0, no extra flags, OS unknown.
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isFinal = offset + count == data.count
            out.append(isFinal ? 0x01 : 0x00)  // BFINAL, BTYPE = 00 (stored), then byte-aligned
            out += littleEndian16(count) + littleEndian16(~count & 0xFFFF)
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        var crc = CRC32()
        data.withUnsafeBytes { crc.update($0) }
        out += littleEndian32(crc.value) + littleEndian32(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    private static func littleEndian16(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)]
    }

    private static func littleEndian32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
