import Storage

/// S3's tables. Bucket names are global (one row per name across all accounts); objects, uploads
/// and parts point at content-addressed blobs, so keys are never paths on disk.
enum S3Schema {
    static let migrations: [Migration] = [
        Migration(
            "s3-001-create-bucket",
            """
            CREATE TABLE s3_bucket (
                name TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL,
                region TEXT NOT NULL,
                location_constraint TEXT,
                created_at INTEGER NOT NULL,
                policy TEXT,
                versioning TEXT CHECK (versioning IN ('Enabled', 'Suspended'))
            ) WITHOUT ROWID;
            CREATE INDEX s3_bucket_by_account ON s3_bucket (account_id, name);
            CREATE TABLE s3_bucket_tag (
                bucket TEXT NOT NULL REFERENCES s3_bucket (name) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (bucket, key)
            ) WITHOUT ROWID;
            """
        ),
        Migration(
            "s3-002-create-object",
            """
            CREATE TABLE s3_object (
                id INTEGER PRIMARY KEY,
                bucket TEXT NOT NULL REFERENCES s3_bucket (name),
                key TEXT NOT NULL,
                blob_digest TEXT NOT NULL REFERENCES blob (digest),
                size INTEGER NOT NULL CHECK (size >= 0),
                etag TEXT NOT NULL,
                last_modified INTEGER NOT NULL,
                owner_account TEXT NOT NULL,
                storage_class TEXT NOT NULL,
                headers TEXT NOT NULL,
                metadata TEXT NOT NULL,
                tags TEXT NOT NULL,
                checksum_algorithm TEXT,
                checksum_value TEXT,
                checksum_type TEXT,
                parts_count INTEGER,
                UNIQUE (bucket, key)
            );
            CREATE TABLE s3_object_part (
                object_id INTEGER NOT NULL REFERENCES s3_object (id) ON DELETE CASCADE,
                part_number INTEGER NOT NULL,
                size INTEGER NOT NULL,
                checksum_value TEXT,
                PRIMARY KEY (object_id, part_number)
            ) WITHOUT ROWID;
            """
        ),
        Migration(
            "s3-003-create-multipart-upload",
            """
            CREATE TABLE s3_upload (
                upload_id TEXT PRIMARY KEY NOT NULL,
                bucket TEXT NOT NULL REFERENCES s3_bucket (name),
                key TEXT NOT NULL,
                initiated INTEGER NOT NULL,
                owner_account TEXT NOT NULL,
                initiator_arn TEXT NOT NULL,
                storage_class TEXT NOT NULL,
                headers TEXT NOT NULL,
                metadata TEXT NOT NULL,
                tags TEXT NOT NULL,
                checksum_algorithm TEXT,
                checksum_type TEXT
            ) WITHOUT ROWID;
            CREATE INDEX s3_upload_by_key ON s3_upload (bucket, key, initiated, upload_id);
            CREATE TABLE s3_upload_part (
                upload_id TEXT NOT NULL REFERENCES s3_upload (upload_id) ON DELETE CASCADE,
                part_number INTEGER NOT NULL,
                blob_digest TEXT NOT NULL REFERENCES blob (digest),
                size INTEGER NOT NULL,
                etag TEXT NOT NULL,
                last_modified INTEGER NOT NULL,
                checksum_value TEXT,
                PRIMARY KEY (upload_id, part_number)
            ) WITHOUT ROWID;
            """
        ),
    ]
}
