import Foundation
import Testing

@testable import Storage

@Suite("StateDirectory")
struct StateDirectoryTests {
    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test("state directory without --state is removed at exit, with --state it persists and reopens with the data")
    func temporaryAndPersistent() throws {
        // Without --state: a unique temporary directory, removed by removeIfTemporary().
        let temporary = try StateDirectory(state: nil)
        #expect(temporary.isTemporary)
        #expect(temporary.root.hasPrefix(NSTemporaryDirectory().trimmingSuffix("/")))
        #expect(exists(temporary.blobsDirectory + "/sha256"))
        #expect(exists(temporary.uploadsDirectory))
        do {
            let database = try temporary.openDatabase()
            try Migrator(StorageSchema.migrations).migrate(database)
        }
        #expect(exists(temporary.databasePath))
        #expect(try StateDirectory(state: nil).root != temporary.root)
        temporary.removeIfTemporary()
        #expect(!exists(temporary.root))

        // With --state: persists, and a second start sees the data.
        try withTemporaryDirectory { dir throws in
            let statePath = dir + "/state"
            let digest: String
            do {
                let state = try StateDirectory(state: statePath)
                #expect(!state.isTemporary)
                #expect(state.databasePath == statePath + "/ebauth.sqlite3")
                let database = try state.openDatabase()
                try Migrator(StorageSchema.migrations).migrate(database)
                let staged = try stage(Array("persisted".utf8), in: state.blobStore)
                digest = try database.write { try state.blobStore.commit(staged, in: $0) }.digest
                state.removeIfTemporary()
            }
            #expect(exists(statePath))

            let reopened = try StateDirectory(state: statePath)
            let database = try reopened.openDatabase()
            #expect(try Migrator(StorageSchema.migrations).migrate(database).isEmpty)
            #expect(
                try database.read {
                    try $0.queryOne("SELECT refcount FROM blob WHERE digest = ?", [.text(digest)])?.int(0)
                } == 1)
            #expect(try reopened.blobStore.open(digest).readAll() == Array("persisted".utf8))
        }
    }

    @Test("reset empties every table except schema_migrations and deletes blob files")
    func resetAll() throws {
        try withTemporaryDirectory { dir throws in
            let state = try StateDirectory(state: dir + "/state")
            let database = try state.openDatabase()
            let serviceMigrations = [
                Migration(
                    "test-001-tables",
                    """
                    CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
                    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE RESTRICT);
                    CREATE TABLE grandchild (child_id INTEGER NOT NULL REFERENCES child(id));
                    CREATE TABLE object (key TEXT PRIMARY KEY, digest TEXT NOT NULL REFERENCES blob(digest));
                    """)
            ]
            try Migrator([StorageSchema.migrations, serviceMigrations]).migrate(database)
            let staged = try stage(Array("reset me".utf8), in: state.blobStore)
            try database.write { connection in
                try connection.run("INSERT INTO parent (name) VALUES ('p')")
                try connection.run("INSERT INTO child (id, parent_id) VALUES (1, 1)")
                try connection.run("INSERT INTO grandchild VALUES (1)")
                let ref = try state.blobStore.commit(staged, in: connection)
                try connection.run("INSERT INTO object VALUES ('k', ?)", [.text(ref.digest)])
            }

            let report = try state.resetAll(database: database)
            #expect(report.blobFilesRemoved == 1)
            #expect(
                Set(report.tablesEmptied) == ["blob", "child", "grandchild", "object", "parent", "sqlite_sequence"])
            let order = report.tablesEmptied
            #expect(order.firstIndex(of: "grandchild")! < order.firstIndex(of: "child")!)
            #expect(order.firstIndex(of: "child")! < order.firstIndex(of: "parent")!)
            #expect(order.firstIndex(of: "object")! < order.firstIndex(of: "blob")!)

            try database.read { (connection: Connection) throws -> Void in
                for table in ["parent", "child", "grandchild", "object", "blob"] {
                    #expect(try connection.queryOne("SELECT count(*) FROM \(table)")?.int(0) == 0)
                }
                #expect(try connection.queryOne("SELECT count(*) FROM schema_migrations")?.int(0) == 2)
            }
            #expect(fileCount(under: state.blobsDirectory) == 0)
            #expect(try !state.blobStore.exists(staged.digest))

            // Still usable after the reset, with AUTOINCREMENT starting over.
            let again = try stage(Array("reset me".utf8), in: state.blobStore)
            try database.write { connection in
                try state.blobStore.commit(again, in: connection)
                try connection.run("INSERT INTO parent (name) VALUES ('p')")
                #expect(connection.lastInsertRowID == 1)
            }
            #expect(try state.blobStore.exists(again.digest))
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.count > 1 && text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }

    @Test("a --state directory in use by another StateDirectory is refused until that one is released")
    func stateDirectoryIsLocked() throws {
        try withTemporaryDirectory { dir throws in
            let statePath = dir + "/state"
            do {
                let first = try StateDirectory(state: statePath)
                #expect(throws: StateDirectoryError.inUse(statePath)) { try StateDirectory(state: statePath) }
                _ = first
            }
            // Released with its owner: the next process (or server) may use it.
            let second = try StateDirectory(state: statePath)
            #expect(second.root == statePath)
            // Temporary directories are never shared, so they take no lock.
            let temporary = try StateDirectory(state: nil)
            #expect(!FileManager.default.fileExists(atPath: temporary.root + "/" + StateDirectory.lockFileName))
            temporary.removeIfTemporary()
        }
    }
}
