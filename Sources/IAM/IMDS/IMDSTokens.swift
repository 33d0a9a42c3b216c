import Crypto
import Foundation
import Synchronization

/// IMDSv2 session tokens: issued by `PUT /latest/api/token`, valid for their TTL, bound to the
/// instance they were issued for. Kept in memory, like a real instance's tokens across a reboot.
/// Looked up by their SHA-256, as the registries keep their tokens, so that comparing a presented
/// token with the table takes no time that depends on how much of a real token it shares.
final class IMDSTokens: Sendable {
    private struct Token {
        var instanceID: String
        var expiresAt: Date
    }

    private let tokens = Mutex<[SHA256.Digest: Token]>([:])

    func issue(instanceID: String, ttl: Int, now: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<42).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = Data(bytes).base64EncodedString()
        tokens.withLock { table in
            table = table.filter { $0.value.expiresAt > now }
            table[Self.digest(token)] = Token(
                instanceID: instanceID, expiresAt: now.addingTimeInterval(TimeInterval(ttl)))
        }
        return token
    }

    func isValid(_ token: String, instanceID: String, now: Date) -> Bool {
        tokens.withLock { table in
            guard let entry = table[Self.digest(token)] else { return false }
            return entry.instanceID == instanceID && entry.expiresAt > now
        }
    }

    private static func digest(_ token: String) -> SHA256.Digest {
        SHA256.hash(data: Array(token.utf8))
    }
}
