import Foundation
import TestSupport
import Testing

@testable import KMS

@Suite("Encrypting under an encryption context")
struct CiphertextTests {
    @Test("a ciphertext opens only under the key and the context it was sealed with")
    func contextBinding() throws {
        let kms = try KMSHarness()
        let key = try #require(try kms.keys.managedKey(.secretsManager, in: kms.scope, create: true))
        let other = try #require(try kms.keys.managedKey(.ssm, in: kms.scope, create: true))
        let context = EncryptionContext.secretVersion(arn: "arn:s", versionID: "v1")
        let blob = try kms.keys.encrypt(Array("secret".utf8), with: key, context: context)
        #expect(kms.keys.decrypt(blob, with: key, context: context, storedBy: .secretsManager) == Array("secret".utf8))
        #expect(blob.first == 2 && !blob.contains(bytes: Array("secret".utf8)))
        #expect(try kms.keys.encrypt(Array("secret".utf8), with: key, context: context) != blob)
        #expect(try kms.keys.key(sealing: blob, in: kms.scope, storedBy: .secretsManager) == key)

        for wrong in [
            EncryptionContext.secretVersion(arn: "arn:s", versionID: "v2"),
            EncryptionContext.secretVersion(arn: "arn:t", versionID: "v1"),
            EncryptionContext(["SecretARN": "arn:s"]),
            EncryptionContext.parameter(arn: "arn:s"),
        ] {
            #expect(kms.keys.decrypt(blob, with: key, context: wrong, storedBy: .secretsManager) == nil)
        }
        #expect(kms.keys.decrypt(blob, with: other, context: context, storedBy: .secretsManager) == nil)
        var tampered = blob
        tampered[tampered.count - 1] ^= 1
        #expect(kms.keys.decrypt(tampered, with: key, context: context, storedBy: .secretsManager) == nil)
        var renamed = blob
        renamed[0] = 1
        #expect(kms.keys.decrypt(renamed, with: key, context: context, storedBy: .ssm) == nil)
    }

    @Test("contexts whose pairs would read alike joined as text still differ")
    func unambiguousContext() {
        let one = EncryptionContext(["a": "b;c=d"]).authenticatedData
        let two = EncryptionContext(["a": "b", "c": "d"]).authenticatedData
        #expect(one != two)
        #expect(
            EncryptionContext(["b": "2", "a": "1"]).authenticatedData
                == EncryptionContext(["a": "1", "b": "2"]).authenticatedData)
    }

    @Test("Parameter Store's first layout still opens, under its parameter only")
    func legacySecureString() throws {
        let kms = try KMSHarness()
        let key = try #require(try kms.keys.managedKey(.ssm, in: kms.scope, create: true))
        let arn = "arn:aws:ssm:us-east-1:111122223333:parameter/app/pw"
        let blob = try LegacyCiphertext.secureString(
            "pa55", material: key.material, keyID: key.keyID, parameterARN: arn)
        #expect(KMSKeys.keyID(of: blob, storedBy: .ssm) == key.keyID)
        #expect(try kms.keys.key(sealing: blob, in: kms.scope, storedBy: .ssm) == key)
        #expect(kms.keys.decrypt(blob, with: key, context: .parameter(arn: arn), storedBy: .ssm) == Array("pa55".utf8))
        #expect(kms.keys.decrypt(blob, with: key, context: .parameter(arn: arn + "x"), storedBy: .ssm) == nil)
    }

    @Test("Secrets Manager's first layout still opens with the managed key, under its secret version only")
    func legacySecret() throws {
        let kms = try KMSHarness()
        let key = try #require(try kms.keys.managedKey(.secretsManager, in: kms.scope, create: true))
        let arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
        let blob = try LegacyCiphertext.secret([0, 1, 2, 255], material: key.material, secretARN: arn, versionID: "v1")
        #expect(KMSKeys.keyID(of: blob, storedBy: .secretsManager) == nil)
        #expect(try kms.keys.key(sealing: blob, in: kms.scope, storedBy: .secretsManager) == key)
        let context = EncryptionContext.secretVersion(arn: arn, versionID: "v1")
        #expect(kms.keys.decrypt(blob, with: key, context: context, storedBy: .secretsManager) == [0, 1, 2, 255])
        let otherVersion = EncryptionContext.secretVersion(arn: arn, versionID: "v2")
        #expect(kms.keys.decrypt(blob, with: key, context: otherVersion, storedBy: .secretsManager) == nil)
    }
}
