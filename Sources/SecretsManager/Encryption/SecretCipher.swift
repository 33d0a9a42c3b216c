import Crypto
import Foundation

/// Encrypts secret values with the account's `aws/secretsmanager` key (AES-256-GCM).
///
/// Stored blob: `0x01 ‖ nonce (12) ‖ ciphertext ‖ tag (16)`. The secret's ARN and version id are
/// authenticated data (Secrets Manager gives KMS the ARN as `SecretARN` encryption context), so a
/// blob only decrypts for its own secret and version.
enum SecretCipher {
    static let formatVersion: UInt8 = 1

    static func makeKeyMaterial() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    static func seal(_ plaintext: [UInt8], key: ManagedKey, secretARN: String, versionID: String) throws -> [UInt8] {
        let sealed = try AES.GCM.seal(
            plaintext, using: SymmetricKey(data: key.material), authenticating: context(secretARN, versionID))
        return [formatVersion] + Array(sealed.nonce) + Array(sealed.ciphertext) + Array(sealed.tag)
    }

    /// The plaintext, or nil when the blob was not sealed by `key` for this secret version.
    static func open(_ blob: [UInt8], key: ManagedKey, secretARN: String, versionID: String) -> [UInt8]? {
        let header = 1 + 12
        guard blob.count >= header + 16, blob[0] == formatVersion,
            let nonce = try? AES.GCM.Nonce(data: blob[1..<header]),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: blob[header..<(blob.count - 16)], tag: blob[(blob.count - 16)...]),
            let plaintext = try? AES.GCM.open(
                box, using: SymmetricKey(data: key.material), authenticating: context(secretARN, versionID))
        else { return nil }
        return Array(plaintext)
    }

    private static func context(_ secretARN: String, _ versionID: String) -> [UInt8] {
        Array("aws:secretsmanager:SecretARN=\(secretARN);SecretVersionId=\(versionID)".utf8)
    }
}
