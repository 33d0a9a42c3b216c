/// Hexadecimal digits: reading one (either case), and writing bytes as lower-case text, the way
/// SigV4, digests and ETags write them; upper-case digits for percent-encoding's `%XX`.
public enum Hex {
    /// The value of one hex digit (`0`-`9`, `a`-`f`, `A`-`F`); nil for any other byte. Each caller
    /// decides what a bad digit means (a malformed chunk size, a literal `%`, a JSON parse failure).
    @inlinable @inline(__always)
    public static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    /// The lower-case digit of a nibble (0-15).
    @inlinable @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 &+ nibble : 87 &+ nibble
    }

    /// The upper-case digit of a nibble (0-15), as percent-encoding writes it (RFC 3986 §2.1).
    @inlinable @inline(__always)
    public static func upperDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 &+ nibble : 55 &+ nibble
    }

    /// Lower-case hex of `bytes`, two digits a byte.
    @inlinable
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ encode(raw: UnsafeRawBufferPointer($0)) }) {
            return text
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0xF))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case hex of raw memory (digests and signatures hand out their bytes so).
    public static func encode(raw: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: raw.count * 2) { out in
            for index in 0..<raw.count {
                let byte = raw[index]
                out[2 * index] = digit(byte >> 4)
                out[2 * index + 1] = digit(byte & 0xF)
            }
            return raw.count * 2
        }
    }
}
