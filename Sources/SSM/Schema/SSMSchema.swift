import Storage

/// Parameter Store's tables. Never edit a migration once it has shipped; add a new one.
///
/// Values of SecureString parameters are only ever stored as AES-GCM ciphertext
/// (`ssm_parameter_version.ciphertext`); `value` holds String and StringList values. The `aws/ssm`
/// key that seals them is KMS's (`ssm_kms_key` is where it was kept before; KMS's migrations move it).
enum SSMSchema {
    static let migrations = [
        Migration(
            "ssm-001-create-parameter-store",
            """
            CREATE TABLE ssm_parameter (
                id INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name_key TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                tier TEXT NOT NULL,
                latest_version INTEGER NOT NULL,
                UNIQUE (account_id, region, name_key)
            );
            CREATE TABLE ssm_parameter_version (
                parameter_id INTEGER NOT NULL REFERENCES ssm_parameter(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                type TEXT NOT NULL,
                value TEXT,
                ciphertext BLOB,
                key_id TEXT,
                description TEXT,
                allowed_pattern TEXT,
                data_type TEXT NOT NULL,
                tier TEXT NOT NULL,
                last_modified_date REAL NOT NULL,
                last_modified_user TEXT NOT NULL,
                PRIMARY KEY (parameter_id, version),
                CHECK ((value IS NULL) <> (ciphertext IS NULL))
            );
            CREATE TABLE ssm_parameter_label (
                parameter_id INTEGER NOT NULL,
                label TEXT NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (parameter_id, label),
                FOREIGN KEY (parameter_id, version)
                    REFERENCES ssm_parameter_version(parameter_id, version) ON DELETE CASCADE
            );
            CREATE TABLE ssm_parameter_tag (
                parameter_id INTEGER NOT NULL REFERENCES ssm_parameter(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (parameter_id, key)
            );
            CREATE TABLE ssm_kms_key (
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
