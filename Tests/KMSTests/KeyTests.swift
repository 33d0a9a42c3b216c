import Foundation
import Testing

@testable import KMS

@Suite("Keys and aliases")
struct KeyTests {
    @Test("an AWS managed key is created with its alias on first use, once per account and region")
    func managedKeyCreation() throws {
        let kms = try KMSHarness()
        #expect(try kms.keys.managedKey(.ssm, in: kms.scope, create: false) == nil)
        let key = try #require(try kms.keys.managedKey(.ssm, in: kms.scope, create: true))
        #expect(UUID(uuidString: key.keyID) != nil && key.keyID == key.keyID.lowercased())
        #expect(key.arn == "arn:aws:kms:us-east-1:111122223333:key/\(key.keyID)")
        #expect(key.keyManager == .aws && key.managedFor == .ssm)
        #expect(key.creationDate == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try kms.keys.managedKey(.ssm, in: kms.scope, create: true) == key)
        #expect(try kms.keys.key(id: key.keyID, in: kms.scope) == key)

        let secrets = try #require(try kms.keys.managedKey(.secretsManager, in: kms.scope, create: true))
        #expect(secrets.keyID != key.keyID && secrets.managedFor == .secretsManager)
        let west = KMSScope(accountID: "111122223333", region: "eu-west-1")
        let other = try #require(try kms.keys.managedKey(.ssm, in: west, create: true))
        #expect(other.keyID != key.keyID)
        #expect(try kms.keys.key(id: key.keyID, in: west) == nil)
    }

    @Test("the key policy allows the account through the service only")
    func policy() throws {
        let kms = try KMSHarness()
        let key = try #require(try kms.keys.managedKey(.secretsManager, in: kms.scope, create: true))
        let policy = try #require(key.policy)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
        #expect(json["Id"] as? String == "auto-secretsmanager-2")
        #expect(policy.contains("\"kms:ViaService\":\"secretsmanager.us-east-1.amazonaws.com\""))
        #expect(policy.contains("\"arn:aws:iam::111122223333:root\""))
        let ssm = try #require(try kms.keys.managedKey(.ssm, in: kms.scope, create: true).flatMap(\.policy))
        #expect(try JSONSerialization.jsonObject(with: Data(ssm.utf8)) is [String: Any])
        #expect(ssm.contains("\"kms:ViaService\":\"ssm.us-east-1.amazonaws.com\""))
    }

    @Test("a KeyId resolves as KMS resolves it: alias name, alias ARN, key ID (any case) and key ARN")
    func resolution() throws {
        let kms = try KMSHarness()
        let key = try kms.keys.key("alias/aws/ssm", in: kms.scope, usedBy: .ssm)
        for keyID in [
            "arn:aws:kms:us-east-1:111122223333:alias/aws/ssm", key.keyID, key.keyID.uppercased(), key.arn,
        ] {
            #expect(try kms.keys.key(keyID, in: kms.scope, usedBy: .ssm) == key)
        }
        #expect(try kms.keys.names(key.arn, managedKey: .ssm, in: kms.scope))
        #expect(try kms.keys.names("alias/aws/secretsmanager", managedKey: .secretsManager, in: kms.scope))
        #expect(try !kms.keys.names(key.keyID, managedKey: .secretsManager, in: kms.scope))
    }

    @Test("what resolves to nothing is NotFoundException with KMS's text")
    func notFound() throws {
        let kms = try KMSHarness()
        let missing = "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e"
        let prefix = "arn:aws:kms:us-east-1:111122223333:"
        let cases: [(String, String)] = [
            (missing.uppercased(), "Key '\(prefix)key/\(missing)' does not exist"),
            (prefix + "key/" + missing, "Key '\(prefix)key/\(missing)' does not exist"),
            (
                "arn:aws:kms:eu-west-1:111122223333:key/\(missing)",
                "Key 'arn:aws:kms:eu-west-1:111122223333:key/\(missing)' does not exist"
            ),
            ("alias/custom", "Alias \(prefix)alias/custom is not found."),
            (prefix + "alias/custom", "Alias \(prefix)alias/custom is not found."),
            ("not-a-key", "Invalid keyId 'not-a-key'"),
        ]
        for (keyID, message) in cases {
            #expect(throws: KMSError.notFound(message)) { try kms.keys.key(keyID, in: kms.scope, usedBy: .ssm) }
        }
        #expect(try kms.keys.managedKey(.ssm, in: kms.scope, create: false) == nil)
    }

    @Test("an AWS managed key is for its own service only")
    func managedKeyOfAnotherService() throws {
        let kms = try KMSHarness()
        let secrets = try kms.keys.key("alias/aws/secretsmanager", in: kms.scope, usedBy: .secretsManager)
        #expect(throws: KMSError.notFound("Key '\(secrets.arn)' does not exist")) {
            try kms.keys.key(secrets.arn, in: kms.scope, usedBy: .ssm)
        }
        #expect(throws: KMSError.self) { try kms.keys.key("alias/aws/secretsmanager", in: kms.scope, usedBy: .ssm) }
        #expect(try kms.keys.managedKey(.ssm, in: kms.scope, create: false) == nil)
    }
}
