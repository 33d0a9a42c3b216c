import Crypto
import Foundation

/// The blob KMS hands a service for it to store: AES-256-GCM under one key, the encryption
/// context authenticated, so it opens only under the same key and context.
///
/// Layout (format version 2): `0x02 ‖ key ID (16 bytes) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`;
/// the version byte and key ID are authenticated with the context. A fresh nonce makes every
/// seal differ.
///
/// Version 1 is what Parameter Store and Secrets Manager each wrote before this module, and still
/// opens: Parameter Store's `0x01 ‖ key ID (16) ‖ nonce ‖ ciphertext ‖ tag` and Secrets Manager's
/// `0x01 ‖ nonce ‖ ciphertext ‖ tag` (sealed with the account's `aws/secretsmanager` key), both
/// authenticating `aws:<service>:` and the context's `NAME=value` pairs joined by `;`. The two
/// share their version byte, so the service says which one its stored values are in.
enum Ciphertext {
    static let formatVersion: UInt8 = 2
    static let legacyFormatVersion: UInt8 = 1
    private static let nonceSize = 12
    private static let tagSize = 16

    /// A service's version-1 layout.
    struct LegacyLayout: Sendable, Equatable {
        /// Whether the blob carries the key ID after the version byte.
        var namesKey: Bool
        /// What the authenticated data starts with (`aws:ssm:`).
        var contextPrefix: String

        func authenticatedData(_ context: EncryptionContext) -> [UInt8] {
            Array((contextPrefix + context.sorted.map { "\($0.name)=\($0.value)" }.joined(separator: ";")).utf8)
        }
    }

    static func makeKeyMaterial() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    static func seal(_ plaintext: [UInt8], key: KMSKey, context: EncryptionContext) throws -> [UInt8] {
        let header = [formatVersion] + keyIDBytes(key.keyID)
        let sealed = try AES.GCM.seal(
            plaintext, using: SymmetricKey(data: key.material), authenticating: header + context.authenticatedData)
        return header + Array(sealed.nonce) + Array(sealed.ciphertext) + Array(sealed.tag)
    }

    /// The plaintext, or nil when the blob was not sealed by `key` under `context`.
    static func open(
        _ blob: [UInt8], key: KMSKey, context: EncryptionContext, legacy: LegacyLayout
    ) -> [UInt8]? {
        guard let first = blob.first else { return nil }
        let headerSize: Int
        let authenticated: [UInt8]
        switch first {
        case formatVersion:
            headerSize = 17
            authenticated = Array(blob.prefix(headerSize)) + context.authenticatedData
        case legacyFormatVersion:
            headerSize = legacy.namesKey ? 17 : 1
            authenticated = legacy.authenticatedData(context)
        default:
            return nil
        }
        if headerSize == 17, keyID(of: blob, legacy: legacy) != key.keyID { return nil }
        let body = headerSize + nonceSize
        guard blob.count >= body + tagSize,
            let nonce = try? AES.GCM.Nonce(data: blob[headerSize..<body]),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: blob[body..<(blob.count - tagSize)], tag: blob[(blob.count - tagSize)...]),
            let plaintext = try? AES.GCM.open(
                box, using: SymmetricKey(data: key.material), authenticating: authenticated)
        else { return nil }
        return Array(plaintext)
    }

    /// The ID of the key a blob names; nil for a layout that names none (or not a blob at all).
    static func keyID(of blob: [UInt8], legacy: LegacyLayout) -> String? {
        guard blob.count >= 17,
            blob[0] == formatVersion || (blob[0] == legacyFormatVersion && legacy.namesKey)
        else { return nil }
        return UUID(uuid: blob[1..<17].withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }).uuidString.lowercased()
    }

    private static func keyIDBytes(_ keyID: String) -> [UInt8] {
        guard let uuid = UUID(uuidString: keyID) else { return Array(repeating: 0, count: 16) }
        return withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
