import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SecretsManager

@Suite("CreateSecret and GetSecretValue")
struct SecretValueTests {
    @Test("a new secret gets an ARN of its name, a hyphen and six random characters")
    func arnShape() throws {
        let secrets = try SecretsHarness()
        let created = try secrets.create("prod/db", string: "pw")
        let prefix = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-"
        #expect(created.ARN.hasPrefix(prefix))
        let suffix = created.ARN.dropFirst(prefix.count)
        #expect(suffix.count == 6 && suffix.allSatisfy { $0.isLetter || $0.isNumber })
        #expect(created.Name == "prod/db")
        #expect(created.VersionId != nil)
    }

    @Test("GetSecretValue finds the secret by name, full ARN and partial ARN")
    func lookups() throws {
        let secrets = try SecretsHarness()
        let created = try secrets.create("prod/db", string: "pw")
        for id in ["prod/db", created.ARN, "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db"] {
            let value = try secrets.get(id)
            #expect(value.SecretString == "pw")
            #expect(value.ARN == created.ARN)
            #expect(value.VersionStages == ["AWSCURRENT"])
            #expect(value.VersionId == created.VersionId)
        }
    }

    @Test("a binary secret comes back as the same bytes")
    func binary() throws {
        let secrets = try SecretsHarness()
        try secrets.create("bin", binary: Data([0, 1, 2, 255]))
        let value = try secrets.get("bin")
        #expect(value.SecretBinary == Data([0, 1, 2, 255]))
        #expect(value.SecretString == nil)
    }

    @Test("a missing secret, a wrong suffix and another region are ResourceNotFoundException")
    func notFound() throws {
        let secrets = try SecretsHarness()
        try secrets.create("prod/db", string: "pw")
        let message = "Secrets Manager can't find the specified secret."
        expectAWSError("ResourceNotFoundException", message) { _ = try secrets.get("nope") }
        expectAWSError("ResourceNotFoundException", message) {
            _ = try secrets.get("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf")
        }
        secrets.region = "eu-west-1"
        expectAWSError("ResourceNotFoundException", message) { _ = try secrets.get("prod/db") }
    }

    @Test("creating a name twice is ResourceExistsException")
    func exists() throws {
        let secrets = try SecretsHarness()
        try secrets.create("prod/db", string: "pw")
        expectAWSError("ResourceExistsException", "The operation failed because the secret prod/db already exists.") {
            try secrets.create("prod/db", string: "other")
        }
    }

    @Test("both SecretString and SecretBinary, or a bad name, are InvalidParameterException")
    func invalidParameters() throws {
        let secrets = try SecretsHarness()
        expectAWSError(
            "InvalidParameterException",
            "You can't specify both a binary secret value and a string secret value in the same secret."
        ) { try secrets.create("x", string: "a", binary: Data([1])) }
        expectAWSError("InvalidParameterException") { try secrets.create("bad name!", string: "a") }
    }

    @Test("a secret created without a value has no AWSCURRENT version to read")
    func noValue() throws {
        let secrets = try SecretsHarness()
        let created = try secrets.create("empty")
        #expect(created.VersionId == nil)
        expectAWSError(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
        ) { _ = try secrets.get("empty") }
    }

    @Test("KmsKeyId aws/secretsmanager is accepted; a customer managed key is not built (501)")
    func kmsKeys() throws {
        let secrets = try SecretsHarness()
        try secrets.create("a", string: "v", kmsKeyID: "alias/aws/secretsmanager")
        #expect(try secrets.describe("a").KmsKeyId == "alias/aws/secretsmanager")
        #expect(try secrets.create("b", string: "v").ARN.isEmpty == false)
        #expect(try secrets.describe("b").KmsKeyId == nil)
        expectAWSError("NotImplemented", status: 501) {
            try secrets.create(
                "c", string: "v",
                kmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        }
    }

    @Test("values are stored encrypted: the plaintext is nowhere in the database files")
    func encryptedAtRest() throws {
        let secrets = try SecretsHarness()
        let plaintext = "correct-horse-battery-staple-\(UUID().uuidString)"
        try secrets.create("enc", string: plaintext)
        try secrets.put("enc", plaintext + "-2")
        #expect(try secrets.get("enc").SecretString == plaintext + "-2")
        #expect(!(try secrets.stateFileBytes().contains(bytes: Array(plaintext.utf8))))
    }
}

@Suite("PutSecretValue")
struct PutSecretValueTests {
    @Test("a new value becomes AWSCURRENT and the old one AWSPREVIOUS")
    func stagesMove() throws {
        let secrets = try SecretsHarness()
        let first = try secrets.create("s", string: "one")
        let second = try secrets.put("s", "two")
        #expect(second.VersionStages == ["AWSCURRENT"])
        #expect(try secrets.get("s").SecretString == "two")
        let previous = try secrets.get("s", stage: "AWSPREVIOUS")
        #expect(previous.SecretString == "one")
        #expect(previous.VersionId == first.VersionId)
        #expect(previous.VersionStages == ["AWSPREVIOUS"])
        #expect(try secrets.get("s", versionID: first.VersionId).SecretString == "one")
        let third = try secrets.put("s", "three")
        let stages = try secrets.describe("s").VersionIdsToStages ?? [:]
        #expect(stages == [third.VersionId: ["AWSCURRENT"], second.VersionId: ["AWSPREVIOUS"]])
    }

    @Test("a missing version or stage is ResourceNotFoundException with AWS's text")
    func missingVersion() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "one")
        expectAWSError(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS"
        ) { _ = try secrets.get("s", stage: "AWSPREVIOUS") }
        let token = String(repeating: "a", count: 36)
        expectAWSError(
            "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for VersionId: \(token)"
        ) { _ = try secrets.get("s", versionID: token) }
    }

    @Test("the same ClientRequestToken and value is a retry; another value is ResourceExistsException")
    func idempotency() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "one")
        let token = "11111111-2222-3333-4444-555555555555"
        let put = try secrets.put("s", "two", token: token)
        #expect(put.VersionId == token)
        #expect(try secrets.put("s", "two", token: token).VersionId == token)
        #expect(try secrets.get("s", stage: "AWSPREVIOUS").SecretString == "one")
        expectAWSError(
            "ResourceExistsException", "You can't modify an existing version, you can only create a new version."
        ) { try secrets.put("s", "three", token: token) }
    }
}
