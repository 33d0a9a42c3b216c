import Crypto
import TextAlgorithms

enum Hex {
    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        TextAlgorithms.Hex.encode(bytes)
    }

    /// `sha256:<hex>` of `bytes`.
    static func sha256Digest<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        "sha256:" + encode(SHA256.hash(data: Array(bytes)))
    }
}
