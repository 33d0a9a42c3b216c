import Crypto

enum Hex {
    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `sha256:<hex>` of `bytes`.
    static func sha256Digest<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        "sha256:" + encode(SHA256.hash(data: Array(bytes)))
    }
}
