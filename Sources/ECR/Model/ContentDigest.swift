import Crypto

/// `sha256:<hex>` of some bytes, as registries name content.
enum ContentDigest {
    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:"
            + SHA256.hash(data: bytes).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }
}
