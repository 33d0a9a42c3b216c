import Testing

@testable import Storage

@Suite("Migrator")
struct MigratorTests {
    let first = Migration("test-001-create-a", "CREATE TABLE a (id INTEGER PRIMARY KEY);")
    let second = Migration(id: "test-002-create-b", sql: "CREATE TABLE b (a INTEGER REFERENCES a(id));")

    @Test("migrations are applied once, in order, and recorded with their hash")
    func appliesAndRecords() throws {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/m.sqlite3")
            let applied = try Migrator([StorageSchema.migrations, [first, second]]).migrate(database)
            #expect(applied == ["storage-001-create-blob", "test-001-create-a", "test-002-create-b"])
            #expect(try Migrator([StorageSchema.migrations, [first, second]]).migrate(database).isEmpty)

            let rows = try database.read {
                try $0.query("SELECT id, sha256, applied_at FROM schema_migrations ORDER BY rowid")
            }
            #expect(try rows.map { try $0.string("id") } == applied)
            #expect(try rows[1].string("sha256") == first.sha256)
            #expect(try rows[1].string("applied_at").hasSuffix("Z"))
            #expect(first.sha256.count == 64)
        }
    }

    @Test("a new migration is applied on top of earlier ones")
    func appliesNewOnes() throws {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/m.sqlite3")
            try Migrator([first]).migrate(database)
            #expect(try Migrator([first, second]).migrate(database) == [second.id])
        }
    }

    @Test("a migration edited after it shipped is refused")
    func editedMigrationRefused() throws {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/m.sqlite3")
            try Migrator([first]).migrate(database)
            let edited = Migration(first.id, "CREATE TABLE a (id INTEGER PRIMARY KEY, extra TEXT);")
            let error = #expect(throws: MigrationError.editedAfterShipping(id: first.id)) {
                try Migrator([edited, second]).migrate(database)
            }
            #expect(error?.description.contains("migration test-001-create-a was edited after it shipped") == true)
            // Nothing newer was applied either.
            #expect(try database.read { try $0.queryOne("SELECT 1 FROM sqlite_master WHERE name = 'b'") } == nil)
        }
    }

    @Test("duplicate migration ids are refused")
    func duplicateIDs() throws {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/m.sqlite3")
            #expect(throws: MigrationError.duplicateID(first.id)) {
                try Migrator([first, Migration(first.id, "SELECT 1")]).migrate(database)
            }
        }
    }

    @Test("a failing migration is rolled back and not recorded")
    func failingMigrationRollsBack() throws {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/m.sqlite3")
            let broken = Migration("test-003-broken", "CREATE TABLE c (x); INSERT INTO nowhere VALUES (1);")
            #expect(throws: SQLiteError.self) { try Migrator([first, broken]).migrate(database) }
            let ids = try database.read { try $0.query("SELECT id FROM schema_migrations").map { try $0.string(0) } }
            #expect(ids == [first.id])
            #expect(try database.read { try $0.queryOne("SELECT 1 FROM sqlite_master WHERE name = 'c'") } == nil)
        }
    }
}
