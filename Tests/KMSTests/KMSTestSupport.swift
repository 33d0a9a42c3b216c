import AWSCore
import Crypto
import Foundation
import Storage
import TestSupport

@testable import KMS

/// A fresh database in a temporary directory with KMS's tables (or the migrations given).
final class KMSHarness {
    let state: TestDatabase
    let keys: KMSKeys
    let scope = KMSScope(accountID: "111122223333", region: "us-east-1")

    init(migrations: [Migration] = StorageSchema.migrations + KMSSchema.migrations) throws {
        state = try TestDatabase("kms", migrations: migrations)
        keys = KMSKeys(database: state.database, clock: TestClock().aws)
    }

    var database: Database { state.database }
}

/// Ciphertexts as the services sealed them before KMS was one module (format version 1).
enum LegacyCiphertext {
    /// Parameter Store: `0x01 ‖ key ID ‖ nonce ‖ ciphertext ‖ tag`, the parameter ARN authenticated.
    static func secureString(_ plaintext: String, material: [UInt8], keyID: String, parameterARN: String) throws
        -> [UInt8]
    {
        let uuid = try require(UUID(uuidString: keyID))
        let sealed = try AES.GCM.seal(
            Array(plaintext.utf8), using: SymmetricKey(data: material),
            authenticating: Array("aws:ssm:PARAMETER_ARN=\(parameterARN)".utf8))
        return [1] + withUnsafeBytes(of: uuid.uuid) { Array($0) } + Array(sealed.nonce) + Array(sealed.ciphertext)
            + Array(sealed.tag)
    }

    /// Secrets Manager: `0x01 ‖ nonce ‖ ciphertext ‖ tag`, the secret ARN and version authenticated.
    static func secret(_ plaintext: [UInt8], material: [UInt8], secretARN: String, versionID: String) throws
        -> [UInt8]
    {
        let sealed = try AES.GCM.seal(
            plaintext, using: SymmetricKey(data: material),
            authenticating: Array("aws:secretsmanager:SecretARN=\(secretARN);SecretVersionId=\(versionID)".utf8))
        return [1] + Array(sealed.nonce) + Array(sealed.ciphertext) + Array(sealed.tag)
    }

    static func material() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }
}

struct MissingValue: Error {}

/// `#require` for set-up code outside a test function.
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
