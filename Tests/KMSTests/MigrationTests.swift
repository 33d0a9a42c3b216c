import AWSCore
import Foundation
import Server
import Storage
import Testing

@testable import KMS
@testable import SSM
@testable import SecretsManager

@Suite("Keys of earlier states")
struct MigrationTests {
    @Test("the services' keys move to KMS with their IDs and aliases; values sealed before still open")
    func upgrade() throws {
        // A state as the build before this module left it: each service with its own key table.
        let earlier = StorageSchema.migrations + [SSMSchema.migrations[0], SecretsManagerSchema.migrations[0]]
        let kms = try KMSHarness(migrations: earlier)
        let ssmKeyID = UUID().uuidString.lowercased()
        let secretsKeyID = UUID().uuidString.lowercased()
        let ssmMaterial = LegacyCiphertext.material()
        let secretsMaterial = LegacyCiphertext.material()
        try kms.database.write { connection in
            for (table, keyID, material) in [
                ("ssm_kms_key", ssmKeyID, ssmMaterial), ("secretsmanager_key", secretsKeyID, secretsMaterial),
            ] {
                try connection.run(
                    "INSERT INTO \(table) (account_id, region, key_id, material, creation_date) VALUES (?, ?, ?, ?, ?)",
                    [.text("111122223333"), .text("us-east-1"), .text(keyID), .blob(material), .real(1_600_000_000)])
            }
        }
        let parameterARN = "arn:aws:ssm:us-east-1:111122223333:parameter/pw"
        let secretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
        let parameter = try LegacyCiphertext.secureString(
            "p", material: ssmMaterial, keyID: ssmKeyID, parameterARN: parameterARN)
        let secret = try LegacyCiphertext.secret(
            Array("s".utf8), material: secretsMaterial, secretARN: secretARN, versionID: "v1")

        let current = [StorageSchema.migrations] + ServiceModules.all.map(\.migrations)
        let applied = try Migrator(current).migrate(kms.database)
        #expect(applied.contains("kms-002-move-ssm-key") && applied.contains("kms-003-move-secretsmanager-key"))

        let ssmKey = try #require(try kms.keys.managedKey(.ssm, in: kms.scope, create: false))
        #expect(ssmKey.keyID == ssmKeyID && ssmKey.material == ssmMaterial && ssmKey.keyManager == .aws)
        #expect(ssmKey.creationDate == Date(timeIntervalSince1970: 1_600_000_000))
        let secretsKey = try #require(try kms.keys.managedKey(.secretsManager, in: kms.scope, create: false))
        #expect(secretsKey.keyID == secretsKeyID && secretsKey.material == secretsMaterial)
        #expect(try kms.keys.key(ssmKey.arn, in: kms.scope, usedBy: .ssm) == ssmKey)

        let parameterKey = try #require(try kms.keys.key(sealing: parameter, in: kms.scope, storedBy: .ssm))
        #expect(
            kms.keys.decrypt(parameter, with: parameterKey, context: .parameter(arn: parameterARN), storedBy: .ssm)
                == Array("p".utf8))
        let secretKey = try #require(try kms.keys.key(sealing: secret, in: kms.scope, storedBy: .secretsManager))
        let context = EncryptionContext.secretVersion(arn: secretARN, versionID: "v1")
        #expect(
            kms.keys.decrypt(secret, with: secretKey, context: context, storedBy: .secretsManager) == Array("s".utf8))

        let oldTables = try kms.database.read { connection in
            try connection.queryOne(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('ssm_kms_key', 'secretsmanager_key')")?.int(0)
        }
        #expect(oldTables == 0)
    }

    @Test("KMS's migrations also run alone or before the services'; the server runs them after")
    func order() throws {
        let services = [SSMSchema.migrations, SecretsManagerSchema.migrations]
        for groups in [[KMSSchema.migrations], [KMSSchema.migrations] + services, services + [KMSSchema.migrations]] {
            let harness = try KMSHarness(migrations: StorageSchema.migrations + groups.flatMap { $0 })
            #expect(try harness.keys.managedKey(.ssm, in: harness.scope, create: true) != nil)
        }
        let ids = ServiceModules.all.flatMap(\.migrations).map(\.id)
        let kms = try #require(ids.firstIndex(of: "kms-002-move-ssm-key"))
        #expect(try kms > #require(ids.firstIndex(of: "ssm-001-create-parameter-store")))
        #expect(try kms > #require(ids.firstIndex(of: "secretsmanager-001-create-secrets")))
    }
}
