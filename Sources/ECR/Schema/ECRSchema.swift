import Storage

/// ECR's own tables. Images, tags and layers are the registry's (`registry_*` rows in the
/// namespace `ecr:<account>:<region>`), so the API and the data plane see one set of images.
/// Never edit a migration once it has shipped; add a new one.
enum ECRSchema {
    static let migrations = [
        Migration(
            "ecr-001-create-repositories-and-tokens",
            """
            CREATE TABLE ecr_repository (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at REAL NOT NULL,
                image_tag_mutability TEXT NOT NULL,
                -- JSON array of wildcard filters, for the *_WITH_EXCLUSION settings.
                mutability_exclusions TEXT NOT NULL DEFAULT '[]',
                scan_on_push INTEGER NOT NULL,
                encryption_type TEXT NOT NULL,
                kms_key TEXT,
                policy_text TEXT,
                lifecycle_policy_text TEXT,
                PRIMARY KEY (account_id, region, name)
            ) WITHOUT ROWID;

            CREATE TABLE ecr_repository_tag (
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                repository TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (account_id, region, repository, key),
                FOREIGN KEY (account_id, region, repository)
                    REFERENCES ecr_repository (account_id, region, name) ON DELETE CASCADE
            ) WITHOUT ROWID;

            -- Authorization tokens by SHA-256 of the password; the password is never stored.
            -- Bound to the principal that asked (as sts:GetCallerIdentity names it), and to the
            -- region it was issued in.
            CREATE TABLE ecr_authorization_token (
                token_hash TEXT PRIMARY KEY,
                registry_id TEXT NOT NULL,
                region TEXT NOT NULL,
                caller_account_id TEXT NOT NULL,
                caller_arn TEXT NOT NULL,
                caller_user_id TEXT NOT NULL,
                caller_access_key_id TEXT NOT NULL,
                caller_kind TEXT NOT NULL,
                issued_at REAL NOT NULL,
                expires_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ecr_authorization_token_by_expiry ON ecr_authorization_token (expires_at);

            -- The key that signs layer download URLs (GetDownloadUrlForLayer, blob redirects).
            CREATE TABLE ecr_signing_key (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                secret BLOB NOT NULL
            );
            """)
    ]
}
