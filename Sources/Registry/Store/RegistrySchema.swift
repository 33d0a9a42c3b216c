import Storage

/// The registry's tables. Content rows are scoped by namespace id (a third-party host, or
/// `ecr:<account>:<region>`); bytes live in the blob store, each row below that names a digest
/// holding one reference to it. Never edit a shipped migration; add a new one.
public enum RegistrySchema {
    public static let migrations: [Migration] = [
        Migration(
            "registry-001-create-content",
            """
            CREATE TABLE registry_repository (
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at REAL NOT NULL,
                PRIMARY KEY (namespace, name)
            ) WITHOUT ROWID;

            -- A blob (layer or config) linked into a repository; holds one blob-store reference.
            CREATE TABLE registry_blob_link (
                namespace TEXT NOT NULL,
                repository TEXT NOT NULL,
                digest TEXT NOT NULL,
                size INTEGER NOT NULL,
                created_at REAL NOT NULL,
                PRIMARY KEY (namespace, repository, digest),
                FOREIGN KEY (namespace, repository) REFERENCES registry_repository (namespace, name)
            ) WITHOUT ROWID;

            -- A manifest in a repository; its bytes are a blob, holding one reference.
            CREATE TABLE registry_manifest (
                namespace TEXT NOT NULL,
                repository TEXT NOT NULL,
                digest TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                created_at REAL NOT NULL,
                PRIMARY KEY (namespace, repository, digest),
                FOREIGN KEY (namespace, repository) REFERENCES registry_repository (namespace, name)
            ) WITHOUT ROWID;

            -- What a manifest names: its config and layers, or an index's child manifests.
            CREATE TABLE registry_manifest_reference (
                namespace TEXT NOT NULL,
                repository TEXT NOT NULL,
                manifest_digest TEXT NOT NULL,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('config', 'layer', 'manifest')),
                digest TEXT NOT NULL,
                size INTEGER NOT NULL,
                media_type TEXT NOT NULL,
                PRIMARY KEY (namespace, repository, manifest_digest, position),
                FOREIGN KEY (namespace, repository, manifest_digest)
                    REFERENCES registry_manifest (namespace, repository, digest) ON DELETE CASCADE
            ) WITHOUT ROWID;

            CREATE TABLE registry_tag (
                namespace TEXT NOT NULL,
                repository TEXT NOT NULL,
                tag TEXT NOT NULL,
                digest TEXT NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (namespace, repository, tag),
                FOREIGN KEY (namespace, repository, digest) REFERENCES registry_manifest (namespace, repository, digest)
            ) WITHOUT ROWID;
            CREATE INDEX registry_tag_by_digest ON registry_tag (namespace, repository, digest);

            -- An upload in progress: its bytes accumulate in a file of the blob store's uploads/.
            CREATE TABLE registry_upload (
                id TEXT PRIMARY KEY,
                namespace TEXT NOT NULL,
                repository TEXT NOT NULL,
                path TEXT NOT NULL,
                started_at REAL NOT NULL
            ) WITHOUT ROWID;
            """),
        Migration(
            "registry-002-create-third-party",
            """
            -- Emulated third-party registries (quay.io, Docker Hub, registry:2 with htpasswd),
            -- seeded through POST /_ebauth/registries.
            CREATE TABLE registry_host (
                host TEXT PRIMARY KEY,
                auth TEXT NOT NULL CHECK (auth IN ('none', 'basic', 'bearer')),
                service TEXT NOT NULL,
                realm TEXT NOT NULL,
                is_default INTEGER NOT NULL DEFAULT 0,
                anonymous_pull TEXT NOT NULL,
                token_lifetime INTEGER NOT NULL,
                created_at REAL NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE registry_host_alias (
                alias TEXT PRIMARY KEY,
                host TEXT NOT NULL REFERENCES registry_host (host) ON DELETE CASCADE
            ) WITHOUT ROWID;

            -- Passwords only as bcrypt hashes, as in an htpasswd file.
            CREATE TABLE registry_user (
                host TEXT NOT NULL REFERENCES registry_host (host) ON DELETE CASCADE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                pull TEXT NOT NULL,
                push TEXT NOT NULL,
                PRIMARY KEY (host, name)
            ) WITHOUT ROWID;

            -- Bearer tokens by SHA-256 of the token; the token itself is never stored.
            CREATE TABLE registry_token (
                token_hash TEXT PRIMARY KEY,
                host TEXT NOT NULL REFERENCES registry_host (host) ON DELETE CASCADE,
                subject TEXT,
                access TEXT NOT NULL,
                issued_at REAL NOT NULL,
                expires_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX registry_token_by_expiry ON registry_token (expires_at);
            """),
    ]
}
