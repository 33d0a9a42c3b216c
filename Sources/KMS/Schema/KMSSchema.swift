import Storage

/// KMS's tables. Never edit a migration once it has shipped; add a new one.
///
/// Parameter Store and Secrets Manager each kept their AWS managed key in a table of their own
/// before (made by `ssm-001-…` and `secretsmanager-001-…`); `kms-002` and `kms-003` move those keys
/// here with their IDs, so their ARNs stay the same, give them their aliases, and drop the old
/// tables. Each first creates the old table if it is not there, so KMS's migrations also run alone
/// or before the services' (the server lists KMS after them, so a fresh state keeps no old table).
public enum KMSSchema {
    public static let migrations = [
        Migration(
            "kms-001-create-keys-and-aliases",
            """
            CREATE TABLE kms_key (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                key_id TEXT NOT NULL,
                material BLOB NOT NULL,
                creation_date REAL NOT NULL,
                key_manager TEXT NOT NULL CHECK (key_manager IN ('AWS', 'CUSTOMER')),
                PRIMARY KEY (account_id, region, key_id)
            );
            CREATE TABLE kms_alias (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                alias_name TEXT NOT NULL,
                key_id TEXT NOT NULL,
                creation_date REAL NOT NULL,
                PRIMARY KEY (account_id, region, alias_name),
                FOREIGN KEY (account_id, region, key_id) REFERENCES kms_key(account_id, region, key_id)
            );
            """),
        moveManagedKey("kms-002-move-ssm-key", from: "ssm_kms_key", alias: "alias/aws/ssm"),
        moveManagedKey(
            "kms-003-move-secretsmanager-key", from: "secretsmanager_key", alias: "alias/aws/secretsmanager"),
    ]

    /// Built from the literals above only: the `Migrator` checks the SQL's hash, so it never changes.
    private static func moveManagedKey(_ id: String, from table: String, alias: String) -> Migration {
        Migration(
            id,
            """
            CREATE TABLE IF NOT EXISTS \(table) (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                key_id TEXT NOT NULL,
                material BLOB NOT NULL,
                creation_date REAL NOT NULL,
                PRIMARY KEY (account_id, region)
            );
            INSERT INTO kms_key (account_id, region, key_id, material, creation_date, key_manager)
                SELECT account_id, region, key_id, material, creation_date, 'AWS' FROM \(table);
            INSERT INTO kms_alias (account_id, region, alias_name, key_id, creation_date)
                SELECT account_id, region, '\(alias)', key_id, creation_date FROM \(table);
            DROP TABLE \(table);
            """)
    }
}
