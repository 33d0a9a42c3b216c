/// Applies migrations in the given order, each in its own write transaction, and records them in
/// `schema_migrations` (id, SHA-256 of the SQL, applied_at).
///
/// Services register their own lists; the server concatenates them, Storage's first:
/// `try Migrator([StorageSchema.migrations, ssmMigrations]).migrate(database)`.
public struct Migrator: Sendable {
    /// The migrations in application order.
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Flattens the groups in order (one group per module or service).
    public init(_ groups: [[Migration]]) {
        self.migrations = groups.flatMap { $0 }
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id TEXT PRIMARY KEY NOT NULL,
            sha256 TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """

    /// Applies every migration not yet recorded and returns their ids.
    ///
    /// Before applying anything it checks every already-applied migration against its recorded
    /// hash, so an edited migration stops start-up without half-applying newer ones. Migrations
    /// recorded in the database but absent from the list (e.g. from a newer build) are ignored.
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        var seen = Set<String>()
        for migration in migrations {
            guard !migration.id.isEmpty else { throw MigrationError.emptyID }
            guard seen.insert(migration.id).inserted else { throw MigrationError.duplicateID(migration.id) }
        }

        try database.write { try $0.execute(Migrator.createTable) }

        let recorded = try database.read { connection in
            try connection.query("SELECT id, sha256 FROM schema_migrations").reduce(into: [String: String]()) {
                $0[try $1.string("id")] = try $1.string("sha256")
            }
        }
        for migration in migrations {
            if let hash = recorded[migration.id], hash != migration.sha256 {
                throw MigrationError.editedAfterShipping(id: migration.id)
            }
        }

        var applied: [String] = []
        for migration in migrations where recorded[migration.id] == nil {
            let didApply = try database.write { connection in
                try apply(migration, on: connection)
            }
            if didApply { applied.append(migration.id) }
        }
        return applied
    }

    /// Applies one migration inside the caller's transaction; false if another process got there first.
    private func apply(_ migration: Migration, on connection: Connection) throws -> Bool {
        let hash = migration.sha256
        if let row = try connection.queryOne("SELECT sha256 FROM schema_migrations WHERE id = ?", [.text(migration.id)])
        {
            guard try row.string("sha256") == hash else { throw MigrationError.editedAfterShipping(id: migration.id) }
            return false
        }
        try connection.execute(migration.sql)
        if let violation = try connection.queryOne("PRAGMA foreign_key_check") {
            throw MigrationError.foreignKeyViolation(id: migration.id, table: try violation.string("table"))
        }
        try connection.run(
            "INSERT INTO schema_migrations (id, sha256) VALUES (?, ?)", [.text(migration.id), .text(hash)])
        return true
    }
}
