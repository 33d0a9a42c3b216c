import Foundation
import Storage

/// All of KMS's SQL. Rows come back as `KMSKey` values; no AWS rules live here.
struct KMSStore: Sendable {
    let database: Database

    func read<T>(_ body: (KMSTransaction) throws -> T) throws -> T {
        try database.read { try body(KMSTransaction(connection: $0)) }
    }

    func write<T>(_ body: (KMSTransaction) throws -> T) throws -> T {
        try database.write { try body(KMSTransaction(connection: $0)) }
    }
}

/// The statements of one transaction.
struct KMSTransaction {
    let connection: Connection

    // An AWS managed key is the one an `alias/aws/…` alias points to.
    private static let keySQL = """
        SELECT k.key_id, k.material, k.creation_date, k.key_manager,
            (SELECT a.alias_name FROM kms_alias a
             WHERE a.account_id = k.account_id AND a.region = k.region AND a.key_id = k.key_id
                AND a.alias_name LIKE 'alias/aws/%' LIMIT 1) AS managed_alias
        FROM kms_key k WHERE k.account_id = ? AND k.region = ? AND k.key_id = ?
        """

    func key(_ scope: KMSScope, keyID: String) throws -> KMSKey? {
        try connection.queryOne(Self.keySQL, [.text(scope.accountID), .text(scope.region), .text(keyID)]).map { row in
            guard let manager = KMSKey.KeyManager(rawValue: try row.string("key_manager")) else {
                throw KMSStoreError.corruptRow("kms_key")
            }
            return KMSKey(
                scope: scope, keyID: try row.string("key_id"), material: try row.bytes("material"),
                creationDate: Date(timeIntervalSince1970: try row.double("creation_date")), keyManager: manager,
                managedFor: try row.optionalString("managed_alias").flatMap(AWSManagedKey.init(rawValue:)))
        }
    }

    /// The key ID an alias points to.
    func alias(_ scope: KMSScope, name: String) throws -> String? {
        try connection.queryOne(
            "SELECT key_id FROM kms_alias WHERE account_id = ? AND region = ? AND alias_name = ?",
            [.text(scope.accountID), .text(scope.region), .text(name)]
        )?.string("key_id")
    }

    func insertKey(_ key: KMSKey) throws {
        try connection.run(
            """
            INSERT INTO kms_key (account_id, region, key_id, material, creation_date, key_manager)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(key.scope.accountID), .text(key.scope.region), .text(key.keyID), .blob(key.material),
                .real(key.creationDate.timeIntervalSince1970), .text(key.keyManager.rawValue),
            ])
    }

    func insertAlias(_ scope: KMSScope, name: String, keyID: String, creationDate: Date) throws {
        try connection.run(
            "INSERT INTO kms_alias (account_id, region, alias_name, key_id, creation_date) VALUES (?, ?, ?, ?, ?)",
            [
                .text(scope.accountID), .text(scope.region), .text(name), .text(keyID),
                .real(creationDate.timeIntervalSince1970),
            ])
    }
}

/// A row the code cannot read back: the state file was changed by something else.
enum KMSStoreError: Error, CustomStringConvertible {
    case corruptRow(String)

    var description: String {
        switch self {
        case .corruptRow(let table): "a row of \(table) holds a value ebauth never writes"
        }
    }
}
