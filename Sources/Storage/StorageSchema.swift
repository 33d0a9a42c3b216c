/// Storage's own migrations; run them before any service's.
public enum StorageSchema {
    /// Creates the `blob` table: one row per stored content-addressed file, with a reference count
    /// so that identical bytes stored by several objects share one file.
    public static let migrations: [Migration] = [
        Migration(
            "storage-001-create-blob",
            """
            CREATE TABLE blob (
                digest TEXT PRIMARY KEY NOT NULL CHECK (length(digest) = 71 AND substr(digest, 1, 7) = 'sha256:'),
                size INTEGER NOT NULL CHECK (size >= 0),
                refcount INTEGER NOT NULL DEFAULT 0 CHECK (refcount >= 0),
                created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) WITHOUT ROWID;
            """
        )
    ]
}
