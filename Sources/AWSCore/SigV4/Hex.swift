import Crypto
import TextAlgorithms

/// Lower-case hexadecimal, as SigV4 writes hashes and signatures: TextAlgorithms' `Hex`, which every
/// module importing AWSCore reaches by this name, plus the digests and MACs of swift-crypto.
public typealias Hex = TextAlgorithms.Hex

extension Hex {
    public static func encode<D: Digest>(_ digest: D) -> String {
        digest.withUnsafeBytes(encode(raw:))
    }

    /// HMAC results (a signature per request) without going through a generic Sequence.
    public static func encode<H: HashFunction>(_ code: HashedAuthenticationCode<H>) -> String {
        code.withUnsafeBytes(encode(raw:))
    }
}
