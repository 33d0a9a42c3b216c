import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SecretsManager

@Suite("DeleteSecret and RestoreSecret")
struct LifecycleTests {
    let marked = "You can't perform this operation on the secret because it was marked for deletion."

    @Test("a secret marked for deletion refuses reads and writes until restored")
    func recoveryWindow() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v")
        let deleted = try secrets.delete("s", days: 7)
        #expect(deleted.DeletionDate == secrets.clock.now.addingTimeInterval(7 * 86_400))
        expectAWSError("InvalidRequestException", marked) { _ = try secrets.get("s") }
        expectAWSError("InvalidRequestException", marked) { try secrets.put("s", "w") }
        expectAWSError("InvalidRequestException", marked) { try secrets.tag("s", [Tag(Key: "k", Value: "v")]) }
        expectAWSError("InvalidRequestException", marked) { try secrets.delete("s") }
        expectAWSError(
            "InvalidRequestException",
            "You can't create this secret because a secret with this name is already scheduled for deletion."
        ) { try secrets.create("s", string: "again") }
        #expect(try secrets.describe("s").DeletedDate == deleted.DeletionDate)
        try secrets.restore("s")
        #expect(try secrets.get("s").SecretString == "v")
        #expect(try secrets.describe("s").DeletedDate == nil)
    }

    @Test("after the recovery window the secret is gone and its name free")
    func windowEnds() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v")
        try secrets.delete("s")
        secrets.clock.advance(30 * 86_400)
        expectAWSError("ResourceNotFoundException") { _ = try secrets.get("s") }
        try secrets.create("s", string: "new")
        #expect(try secrets.get("s").SecretString == "new")
    }

    @Test("ForceDeleteWithoutRecovery removes the secret at once")
    func force() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v")
        try secrets.delete("s", force: true)
        expectAWSError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.") {
            _ = try secrets.describe("s")
        }
    }

    @Test("bad recovery windows are InvalidParameterException")
    func badWindows() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v")
        expectAWSError(
            "InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."
        ) {
            try secrets.delete("s", days: 6)
        }
        expectAWSError(
            "InvalidParameterException",
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
        ) { try secrets.delete("s", days: 7, force: true) }
    }
}

@Suite("ListSecrets and tags")
struct ListAndTagTests {
    @Test("pages follow creation order and hide secrets marked for deletion unless asked")
    func paging() throws {
        let secrets = try SecretsHarness()
        for index in 1...5 { try secrets.create("s\(index)", string: "v") }
        try secrets.delete("s3")
        let first = try secrets.list(max: 2)
        #expect(first.SecretList.map(\.Name) == ["s1", "s2"])
        let second = try secrets.list(max: 2, token: first.NextToken)
        #expect(second.SecretList.map(\.Name) == ["s4", "s5"])
        #expect(second.NextToken == nil)
        #expect(try secrets.list(includeDeleted: true).SecretList.count == 5)
        expectAWSError("InvalidNextTokenException") { _ = try secrets.list(token: "garbage") }
        expectAWSError("ValidationException") { _ = try secrets.list(max: 101) }
    }

    @Test("filters match name prefixes and tags; ! negates")
    func filters() throws {
        let secrets = try SecretsHarness()
        try secrets.create("prod/db", string: "v", tags: [Tag(Key: "team", Value: "core")])
        try secrets.create("dev/db", string: "v")
        #expect(
            try secrets.list(filters: [Filter(Key: "name", Values: ["prod/"])]).SecretList.map(\.Name) == ["prod/db"])
        #expect(
            try secrets.list(filters: [Filter(Key: "name", Values: ["!prod/"])]).SecretList.map(\.Name) == ["dev/db"])
        #expect(
            try secrets.list(filters: [Filter(Key: "tag-key", Values: ["team"])]).SecretList.map(\.Name) == ["prod/db"])
        expectAWSError("ValidationException") { _ = try secrets.list(filters: [Filter(Key: "colour", Values: ["x"])]) }
    }

    @Test("TagResource overwrites and adds; UntagResource removes")
    func tags() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v", tags: [Tag(Key: "a", Value: "1")])
        try secrets.tag("s", [Tag(Key: "a", Value: "2"), Tag(Key: "b", Value: "3")])
        #expect(try secrets.describe("s").Tags == [Tag(Key: "a", Value: "2"), Tag(Key: "b", Value: "3")])
        try secrets.untag("s", ["a"])
        #expect(try secrets.describe("s").Tags == [Tag(Key: "b", Value: "3")])
    }
}

@Suite("Authorization through IAM")
struct AuthorizationTests {
    @Test("every operation asks secretsmanager:<Operation> on the secret's ARN")
    func actions() throws {
        let secrets = try SecretsHarness()
        let arn = try secrets.create("s", string: "v", tags: [Tag(Key: "k", Value: "v")]).ARN
        _ = try secrets.get("s")
        try secrets.put("s", "w")
        _ = try secrets.describe("s")
        _ = try secrets.list()
        try secrets.tag("s", [Tag(Key: "x", Value: "y")])
        try secrets.untag("s", ["x"])
        try secrets.delete("s")
        try secrets.restore("s")
        let asked = secrets.authorizer.requests.filter { $0.action.hasPrefix("secretsmanager:") }.map {
            "\($0.action) \($0.resource)"
        }
        #expect(
            asked == [
                "secretsmanager:CreateSecret \(arn)", "secretsmanager:TagResource \(arn)",
                "secretsmanager:GetSecretValue \(arn)", "secretsmanager:PutSecretValue \(arn)",
                "secretsmanager:DescribeSecret \(arn)", "secretsmanager:ListSecrets *",
                "secretsmanager:TagResource \(arn)",
                "secretsmanager:UntagResource \(arn)", "secretsmanager:DeleteSecret \(arn)",
                "secretsmanager:RestoreSecret \(arn)",
            ])
    }

    @Test("a refusal is AccessDeniedException 400 with IAM's text, before the secret is looked up")
    func denied() throws {
        let secrets = try SecretsHarness()
        try secrets.create("s", string: "v")
        secrets.authorizer.deny { $0.action == "secretsmanager:GetSecretValue" }
        expectAWSError("AccessDeniedException") { _ = try secrets.get("s") }
        expectAWSError("AccessDeniedException") { _ = try secrets.get("missing") }
    }

    @Test("GetSecretValue asks kms:Decrypt on the aws/secretsmanager key with the key's policy; a deny refuses")
    func kmsDecrypt() throws {
        let secrets = try SecretsHarness()
        let arn = try secrets.create("s", string: "v").ARN
        _ = try secrets.get("s")
        let decrypt = try #require(secrets.authorizer.requests.last { $0.action == "kms:Decrypt" })
        #expect(decrypt.resource.hasPrefix("arn:aws:kms:us-east-1:111122223333:key/"))
        #expect(decrypt.resourcePolicy?.contains("secretsmanager.us-east-1.amazonaws.com") == true)
        #expect(decrypt.conditionValues["kms:EncryptionContext:SecretARN"] == [arn])
        secrets.authorizer.deny { $0.action == "kms:Decrypt" }
        expectAWSError("AccessDeniedException") { _ = try secrets.get("s") }
    }
}
