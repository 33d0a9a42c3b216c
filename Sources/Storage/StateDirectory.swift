import Foundation

/// The on-disk state of one ebauth process: `ebauth.sqlite3`, `blobs/` and `uploads/`.
///
/// With `--state DIR` the directory persists across runs; without it a unique temporary
/// directory is created and `removeIfTemporary()` deletes it at exit.
public final class StateDirectory: Sendable {
    /// The state root.
    public let root: String
    /// True when this is a throw-away directory created because no `--state` was given.
    public let isTemporary: Bool
    /// The blob store rooted here.
    public let blobStore: BlobStore

    /// File name of the database inside the root.
    public static let databaseFileName = "ebauth.sqlite3"

    /// Uses `state` (created if missing), or a new temporary directory when `state` is nil.
    public init(state: String?) throws {
        if let state {
            // Absolute, so the paths handed out stay valid if the process changes directory.
            var path = state.hasPrefix("/") ? state : FileManager.default.currentDirectoryPath + "/" + state
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            self.root = path
            self.isTemporary = false
        } else {
            var base = NSTemporaryDirectory()
            if base.isEmpty { base = "/tmp" }
            while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
            let path = base + "/ebauth-" + UUID().uuidString.lowercased()
            try POSIXFile.makeDirectory(path)
            self.root = path
            self.isTemporary = true
        }
        self.blobStore = try BlobStore(root: root)
    }

    /// `root/ebauth.sqlite3`.
    public var databasePath: String { root + "/" + StateDirectory.databaseFileName }
    /// `root/blobs`.
    public var blobsDirectory: String { root + "/blobs" }
    /// `root/uploads`.
    public var uploadsDirectory: String { blobStore.uploadsDirectory }

    /// Opens the database file of this state directory.
    public func openDatabase(readerCount: Int = 4) throws -> Database {
        try Database(path: databasePath, readerCount: readerCount)
    }

    /// Deletes the directory if it is temporary (call at exit, after closing the database).
    public func removeIfTemporary() {
        guard isTemporary else { return }
        try? POSIXFile.removeTree(root)
    }

    /// Empties every table except `schema_migrations` in one write transaction, then deletes all
    /// blob files (for `POST /_ebauth/reset`). Foreign keys stay enforced: tables are emptied
    /// children first and checks are deferred to the commit, when nothing is left to violate.
    /// Staged uploads in flight are left alone.
    @discardableResult
    public func resetAll(database: Database) throws -> ResetReport {
        final class Box { var report = ResetReport() }
        let box = Box()
        try database.write { connection in
            try connection.execute("PRAGMA defer_foreign_keys = ON")
            let tables = try StateDirectory.tablesToEmpty(connection)
            for table in tables {
                try connection.run("DELETE FROM \(StateDirectory.quoted(table))")
            }
            box.report.tablesEmptied = tables
            connection.onTransactionEnd { [blobStore] _, outcome in
                guard outcome == .committed else { return }
                box.report.blobFilesRemoved = (try? blobStore.removeAllFiles()) ?? 0
            }
        }
        return box.report
    }

    /// What `resetAll` did.
    public struct ResetReport: Sendable, Equatable {
        /// Tables emptied, in deletion order.
        public var tablesEmptied: [String] = []
        /// Blob files deleted.
        public var blobFilesRemoved = 0
    }

    /// User tables (ordinary and virtual, not FTS shadow tables) except `schema_migrations`,
    /// ordered so that a table referencing another is emptied first (RESTRICT is not deferrable).
    static func tablesToEmpty(_ connection: Connection) throws -> [String] {
        var tables: [String] = []
        for row in try connection.query("PRAGMA main.table_list") {
            let name = try row.string("name")
            let type = try row.string("type")
            guard type == "table" || type == "virtual", name != "schema_migrations" else { continue }
            guard !name.hasPrefix("sqlite_") || name == "sqlite_sequence" else { continue }
            tables.append(name)
        }
        tables.sort()

        // parents[t] = tables that t references.
        var parents: [String: Set<String>] = [:]
        for table in tables {
            let references = try connection.query("SELECT \"table\" FROM pragma_foreign_key_list(?)", [.text(table)])
            parents[table] = Set(try references.map { try $0.string(0) }).subtracting([table])
        }
        // Children first: repeatedly take tables no remaining table references.
        var remaining = tables
        var ordered: [String] = []
        while !remaining.isEmpty {
            let referenced = Set(remaining.flatMap { parents[$0] ?? [] })
            let next = remaining.filter { !referenced.contains($0) }
            let batch = next.isEmpty ? remaining : next  // a cycle: deferred checks have to cope
            ordered.append(contentsOf: batch)
            remaining.removeAll { batch.contains($0) }
        }
        return ordered
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
