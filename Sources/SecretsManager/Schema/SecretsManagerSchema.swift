import Storage

/// Secrets Manager's tables. Never edit a migration once it has shipped; add a new one.
///
/// Secret values are only ever stored as AES-GCM ciphertext (`secretsmanager_version.ciphertext`).
/// The `aws/secretsmanager` key that seals them is KMS's (`secretsmanager_key` is where it was kept
/// before; KMS's migrations move it).
enum SecretsManagerSchema {
    static let migrations = [
        Migration(
            "secretsmanager-001-create-secrets",
            """
            CREATE TABLE secretsmanager_secret (
                id INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                arn TEXT NOT NULL UNIQUE,
                description TEXT,
                kms_key_id TEXT,
                created_date REAL NOT NULL,
                last_changed_date REAL NOT NULL,
                last_accessed_date REAL,
                deleted_date REAL,
                UNIQUE (account_id, region, name)
            );
            CREATE TABLE secretsmanager_version (
                secret_id INTEGER NOT NULL REFERENCES secretsmanager_secret(id) ON DELETE CASCADE,
                version_id TEXT NOT NULL,
                ciphertext BLOB NOT NULL,
                is_binary INTEGER NOT NULL,
                created_date REAL NOT NULL,
                PRIMARY KEY (secret_id, version_id)
            );
            CREATE TABLE secretsmanager_stage (
                secret_id INTEGER NOT NULL REFERENCES secretsmanager_secret(id) ON DELETE CASCADE,
                stage TEXT NOT NULL,
                version_id TEXT NOT NULL,
                PRIMARY KEY (secret_id, stage)
            );
            CREATE TABLE secretsmanager_tag (
                secret_id INTEGER NOT NULL REFERENCES secretsmanager_secret(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (secret_id, key)
            );
            CREATE TABLE secretsmanager_key (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                key_id TEXT NOT NULL,
                material BLOB NOT NULL,
                creation_date REAL NOT NULL,
                PRIMARY KEY (account_id, region)
            );
            """)
    ]
}
