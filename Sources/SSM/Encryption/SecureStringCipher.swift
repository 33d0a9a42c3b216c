import Crypto
import Foundation

/// Encrypts SecureString values with the account's `aws/ssm` key (AES-256-GCM).
///
/// The stored blob is what a client sees, base64-encoded, as the value when it does not ask for
/// decryption: `0x01 ‖ key ID (16 bytes) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`. A fresh nonce
/// makes every write differ. The parameter's ARN is authenticated data, like the
/// `PARAMETER_ARN` encryption context SSM gives KMS, so a blob only decrypts for its parameter.
enum SecureStringCipher {
    static let formatVersion: UInt8 = 1

    static func makeKeyMaterial() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    static func seal(_ plaintext: String, key: ManagedKey, parameterARN: String) throws -> [UInt8] {
        let sealed = try AES.GCM.seal(
            Array(plaintext.utf8), using: SymmetricKey(data: key.material), authenticating: context(parameterARN))
        var blob: [UInt8] = [formatVersion]
        blob += keyIDBytes(key.keyID)
        blob += Array(sealed.nonce)
        blob += Array(sealed.ciphertext)
        blob += Array(sealed.tag)
        return blob
    }

    /// The plaintext, or nil when the blob was not sealed by `key` for this parameter.
    static func open(_ blob: [UInt8], key: ManagedKey, parameterARN: String) -> String? {
        let header = 1 + 16 + 12
        guard blob.count >= header + 16, blob[0] == formatVersion, Array(blob[1..<17]) == keyIDBytes(key.keyID),
            let nonce = try? AES.GCM.Nonce(data: blob[17..<header]),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: blob[header..<(blob.count - 16)], tag: blob[(blob.count - 16)...]),
            let plaintext = try? AES.GCM.open(
                box, using: SymmetricKey(data: key.material), authenticating: context(parameterARN))
        else { return nil }
        return String(decoding: plaintext, as: UTF8.self)
    }

    /// The key ID a blob was sealed with (to find the key to ask `kms:Decrypt` on).
    static func keyID(of blob: [UInt8]) -> String? {
        guard blob.count >= 17, blob[0] == formatVersion else { return nil }
        return UUID(uuid: blob[1..<17].withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }).uuidString.lowercased()
    }

    private static func context(_ parameterARN: String) -> [UInt8] {
        Array("aws:ssm:PARAMETER_ARN=\(parameterARN)".utf8)
    }

    private static func keyIDBytes(_ keyID: String) -> [UInt8] {
        guard let uuid = UUID(uuidString: keyID) else { return Array(repeating: 0, count: 16) }
        return withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
