import AWSCore
import Foundation
import KMS
import TestSupport
import Testing

@testable import SSM

@Suite("SecureString")
struct SecureStringTests {
    @Test("without WithDecryption the value is opaque base64 ciphertext that differs on every write")
    func opaqueWithoutDecryption() throws {
        let ssm = try SSMHarness()
        try ssm.put("PASSWD", "s3cret-value", type: "SecureString")
        try ssm.put("PASSWD", "s3cret-value", type: "SecureString", overwrite: true)
        let first = try ssm.get("PASSWD:1").Value
        let second = try ssm.get("PASSWD:2").Value
        #expect(first != "s3cret-value")
        #expect(first != second)
        let blob = try #require(Data(base64Encoded: first))
        #expect(!Array(blob).contains(bytes: Array("s3cret-value".utf8)))
        #expect(try ssm.get("PASSWD", decrypt: false).Value == second)
    }

    @Test("WithDecryption returns the plaintext of each version; it is ignored for String")
    func decryption() throws {
        let ssm = try SSMHarness()
        try ssm.put("PASSWD", "first", type: "SecureString")
        try ssm.put("PASSWD", "second", type: "SecureString", overwrite: true)
        #expect(try ssm.get("PASSWD", decrypt: true).Value == "second")
        #expect(try ssm.get("PASSWD:1", decrypt: true).Value == "first")
        #expect(try ssm.history("PASSWD", decrypt: true).Parameters.map(\.Value) == ["first", "second"])
        try ssm.put("USER", "plain")
        #expect(try ssm.get("USER", decrypt: true).Value == "plain")
    }

    @Test("the plaintext is nowhere in the state file, only ciphertext is")
    func notInStateFile() throws {
        let ssm = try SSMHarness()
        let secret = "correct-horse-battery-staple-7f3a"
        try ssm.put("/app/db/password", secret, type: "SecureString", allowedPattern: "[a-z0-9-]+")
        try ssm.put("/app/db/password", secret + "-v2", type: "SecureString", overwrite: true)
        let bytes = try ssm.stateFileBytes()
        #expect(!bytes.isEmpty)
        #expect(!bytes.contains(bytes: Array(secret.utf8)))
        #expect(try ssm.get("/app/db/password", decrypt: true).Value == secret + "-v2")
    }

    @Test("KeyId defaults to alias/aws/ssm; the alias ARN, key ID and key ARN of that key are accepted")
    func keyForms() throws {
        let ssm = try SSMHarness()
        try ssm.put("a", "v", type: "SecureString")
        let metadata = try #require(try ssm.describe().Parameters.first)
        #expect(metadata.KeyId == "alias/aws/ssm")
        let key = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: ssm.accountID, region: ssm.region), create: false))
        for keyID in [
            "arn:aws:kms:us-east-1:111122223333:alias/aws/ssm", key.keyID, key.arn,
        ] {
            try ssm.put("k-\(keyID.count)", "v", type: "SecureString", keyID: keyID)
            #expect(try ssm.get("k-\(keyID.count)", decrypt: true).Value == "v")
        }
        #expect(key.arn == "arn:aws:kms:us-east-1:111122223333:key/\(key.keyID)")
    }

    @Test("any other KeyId is InvalidKeyId with the text SSM passes on from KMS")
    func unknownKeys() throws {
        let ssm = try SSMHarness()
        let missing = "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e"
        let message = awsErrorMessage { try ssm.put("a", "v", type: "SecureString", keyID: missing) }
        #expect(
            message?.hasPrefix(
                "Key 'arn:aws:kms:us-east-1:111122223333:key/\(missing)' does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: "
            ) == true)
        expectAWSError("InvalidKeyId") { try ssm.put("a", "v", type: "SecureString", keyID: "alias/custom") }
        expectAWSError("InvalidKeyId") {
            try ssm.put("a", "v", type: "SecureString", keyID: "arn:aws:kms:us-east-1:111122223333:key/\(missing)")
        }
        expectAWSError("InvalidKeyId") { try ssm.put("a", "v", type: "SecureString", keyID: "not-a-key") }
        expectAWSError("ParameterNotFound") { _ = try ssm.get("a") }
    }

    @Test("each account and region has its own key")
    func keysPerScope() throws {
        let ssm = try SSMHarness()
        try ssm.put("a", "v", type: "SecureString")
        let east = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: ssm.accountID, region: "us-east-1"), create: false))
        ssm.region = "eu-west-1"
        try ssm.put("a", "v", type: "SecureString")
        let west = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: ssm.accountID, region: "eu-west-1"), create: false))
        #expect(east.keyID != west.keyID)
        expectAWSError("InvalidKeyId") { try ssm.put("b", "v", type: "SecureString", keyID: east.keyID) }
    }

    @Test("decrypting asks kms:Decrypt on the key ARN with the aws/ssm key policy and the parameter's ARN")
    func decryptAsksKMS() throws {
        let ssm = try SSMHarness()
        try ssm.put("/app/pw", "v", type: "SecureString")
        let key = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: ssm.accountID, region: ssm.region), create: false))
        ssm.authorizer.reset()
        _ = try ssm.get("/app/pw")
        #expect(!ssm.authorizer.requests.contains { $0.action == "kms:Decrypt" })
        _ = try ssm.get("/app/pw", decrypt: true)
        let decrypt = try #require(ssm.authorizer.requests.first { $0.action == "kms:Decrypt" })
        #expect(decrypt.resource == key.arn)
        #expect(decrypt.resourcePolicy?.contains("\"kms:ViaService\":\"ssm.us-east-1.amazonaws.com\"") == true)
        #expect(
            decrypt.conditionValues["kms:EncryptionContext:PARAMETER_ARN"] == [
                "arn:aws:ssm:us-east-1:111122223333:parameter/app/pw"
            ])
        #expect(decrypt.conditionValues["kms:CallerAccount"] == ["111122223333"])
    }

    @Test("a refused kms:Decrypt is AccessDeniedException with KMS's text; reading without decryption still works")
    func decryptDenied() throws {
        let ssm = try SSMHarness()
        try ssm.put("PASSWD", "v", type: "SecureString")
        let key = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: ssm.accountID, region: ssm.region), create: false))
        ssm.authorizer.deny { $0.action == "kms:Decrypt" }
        let message = awsErrorMessage { _ = try ssm.get("PASSWD", decrypt: true) }
        #expect(
            message?.hasPrefix(
                "User: arn:aws:iam::111122223333:user/tester is not authorized to perform: kms:Decrypt on resource: \(key.arn) because no identity-based policy allows the kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: "
            ) == true)
        expectAWSError("AccessDeniedException") { _ = try ssm.getMany(["PASSWD"], decrypt: true) }
        expectAWSError("AccessDeniedException") { _ = try ssm.byPath("/", decrypt: true) }
        expectAWSError("AccessDeniedException") { _ = try ssm.history("PASSWD", decrypt: true) }
        #expect(try ssm.get("PASSWD").Value != "v")
    }

    @Test("writing asks kms:Encrypt (Standard) or kms:GenerateDataKey (Advanced)")
    func encryptAsksKMS() throws {
        let ssm = try SSMHarness()
        try ssm.put("std", "v", type: "SecureString")
        try ssm.put("adv", "v", type: "SecureString", tier: "Advanced")
        let actions = ssm.authorizer.requests.map(\.action).filter { $0.hasPrefix("kms:") }
        #expect(actions == ["kms:Encrypt", "kms:GenerateDataKey"])
        ssm.authorizer.deny { $0.action == "kms:Encrypt" }
        expectAWSError("AccessDeniedException") { try ssm.put("std2", "v", type: "SecureString") }
    }

    @Test("a ciphertext opens only for the parameter it was sealed for")
    func boundToParameter() throws {
        let ssm = try SSMHarness()
        let kms = ssm.backend.kms
        let key = try #require(
            try ssm.backend.managedKey(SSMScope(accountID: "111122223333", region: "us-east-1"), create: true))
        func open(_ blob: [UInt8], _ arn: String) -> String? {
            kms.decrypt(blob, with: key, context: .parameter(arn: arn), storedBy: .ssm).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        let blob = try kms.encrypt(Array("secret".utf8), with: key, context: .parameter(arn: "arn:a"))
        #expect(open(blob, "arn:a") == "secret")
        #expect(open(blob, "arn:b") == nil)
        #expect(KMSKeys.keyID(of: blob, storedBy: .ssm) == key.keyID)
        var tampered = blob
        tampered[tampered.count - 1] ^= 1
        #expect(open(tampered, "arn:a") == nil)
    }
}
