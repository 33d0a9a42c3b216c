import Crypto
import Foundation
import Synchronization

/// A derived SigV4 signing key (the bytes of kSigning).
public struct SigningKey: Sendable {
    public let bytes: [UInt8]
    /// Made once per derived key, not per request; immutable, so safe to share between threads.
    nonisolated(unsafe) public let symmetricKey: SymmetricKey
    /// HMAC state keyed once (the key's pads hashed); each signature copies it.
    nonisolated(unsafe) let hmac: HMAC<SHA256>

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        symmetricKey = SymmetricKey(data: bytes)
        hmac = HMAC<SHA256>(key: symmetricKey)
    }
}

/// Derives SigV4 signing keys and signs strings; keys are cached per secret, day, region and
/// service because deriving one costs four HMACs per request otherwise.
public final class SigningKeyCache: Sendable {
    private let cache = Mutex<[String: SigningKey]>([:])

    public init() {}

    public func key(secret: String, date: String, region: String, service: String) -> SigningKey {
        let cacheKey = "\(secret)\u{0}\(date)\u{0}\(region)\u{0}\(service)"
        if let key = cache.withLock({ $0[cacheKey] }) { return key }
        let key = Self.derive(secret: secret, date: date, region: region, service: service)
        cache.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[cacheKey] = key
        }
        return key
    }

    public static func derive(secret: String, date: String, region: String, service: String) -> SigningKey {
        var key = Array("AWS4\(secret)".utf8)
        for part in [date, region, service, "aws4_request"] {
            key = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
        return SigningKey(bytes: key)
    }

    public static func signature(_ stringToSign: String, key: SigningKey) -> String {
        var text = stringToSign
        var mac = key.hmac
        text.withUTF8 { mac.update(data: $0) }
        return Hex.encode(mac.finalize())
    }
}

/// Compares two secrets (signatures, tokens, secret values) in time independent of where they
/// differ, so a caller cannot find a valid one byte by byte. Only a difference in length shows.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    constantTimeEquals(Array(a.utf8), Array(b.utf8))
}

/// Byte form of `constantTimeEquals(_:_:)`.
public func constantTimeEquals(_ x: [UInt8], _ y: [UInt8]) -> Bool {
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<x.count { difference |= x[index] ^ y[index] }
    return difference == 0
}
