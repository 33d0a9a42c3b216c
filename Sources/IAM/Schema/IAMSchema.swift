import Storage

/// IAM's tables. Names are unique per account without regard to case, as in IAM.
/// Never edit a migration once shipped; add a new one.
enum IAMSchema {
    static let migrations: [Migration] = [
        Migration(
            "iam-001-create-identities",
            """
            CREATE TABLE iam_user (
                user_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                name TEXT NOT NULL COLLATE NOCASE,
                path TEXT NOT NULL,
                arn TEXT NOT NULL,
                created_at REAL NOT NULL,
                tags TEXT NOT NULL DEFAULT '[]',
                UNIQUE (account_id, name)
            );
            CREATE TABLE iam_access_key (
                access_key_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                user_name TEXT NOT NULL COLLATE NOCASE,
                secret_access_key TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE INDEX iam_access_key_user ON iam_access_key (account_id, user_name);
            CREATE TABLE iam_role (
                role_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                name TEXT NOT NULL COLLATE NOCASE,
                path TEXT NOT NULL,
                arn TEXT NOT NULL,
                trust_policy TEXT NOT NULL,
                description TEXT,
                max_session_duration INTEGER NOT NULL,
                created_at REAL NOT NULL,
                tags TEXT NOT NULL DEFAULT '[]',
                UNIQUE (account_id, name)
            );
            CREATE TABLE iam_instance_profile (
                instance_profile_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                name TEXT NOT NULL COLLATE NOCASE,
                path TEXT NOT NULL,
                arn TEXT NOT NULL,
                role_name TEXT COLLATE NOCASE,
                created_at REAL NOT NULL,
                tags TEXT NOT NULL DEFAULT '[]',
                UNIQUE (account_id, name)
            );
            CREATE TABLE iam_policy (
                policy_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                name TEXT NOT NULL COLLATE NOCASE,
                path TEXT NOT NULL,
                arn TEXT NOT NULL UNIQUE,
                description TEXT,
                default_version TEXT NOT NULL,
                next_version INTEGER NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                tags TEXT NOT NULL DEFAULT '[]',
                UNIQUE (account_id, name)
            );
            CREATE TABLE iam_policy_version (
                policy_arn TEXT NOT NULL,
                version_id TEXT NOT NULL,
                document TEXT NOT NULL,
                created_at REAL NOT NULL,
                PRIMARY KEY (policy_arn, version_id)
            );
            -- Managed policies attached to a user or role; AWS managed ARNs have no iam_policy row.
            CREATE TABLE iam_attachment (
                account_id TEXT NOT NULL,
                principal_type TEXT NOT NULL,
                principal_name TEXT NOT NULL COLLATE NOCASE,
                policy_arn TEXT NOT NULL,
                attached_at REAL NOT NULL,
                PRIMARY KEY (account_id, principal_type, principal_name, policy_arn)
            );
            CREATE INDEX iam_attachment_policy ON iam_attachment (policy_arn);
            CREATE TABLE iam_inline_policy (
                account_id TEXT NOT NULL,
                principal_type TEXT NOT NULL,
                principal_name TEXT NOT NULL COLLATE NOCASE,
                policy_name TEXT NOT NULL COLLATE NOCASE,
                document TEXT NOT NULL,
                PRIMARY KEY (account_id, principal_type, principal_name, policy_name)
            );
            -- Temporary credentials from AssumeRole and the instance metadata service.
            CREATE TABLE iam_session (
                access_key_id TEXT PRIMARY KEY,
                secret_access_key TEXT NOT NULL,
                session_token TEXT NOT NULL,
                account_id TEXT NOT NULL,
                role_id TEXT NOT NULL,
                role_name TEXT NOT NULL,
                session_name TEXT NOT NULL,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                instance_id TEXT
            );
            CREATE INDEX iam_session_instance ON iam_session (instance_id, role_name);
            -- The EC2 instances the metadata service can represent; the latest registered is the default.
            CREATE TABLE iam_instance (
                instance_id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                availability_zone TEXT NOT NULL,
                instance_profile_arn TEXT,
                http_tokens TEXT NOT NULL,
                registered_seq INTEGER NOT NULL
            );
            """)
    ]
}
