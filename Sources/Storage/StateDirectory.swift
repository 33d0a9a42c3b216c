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
    /// Held (flock) while a process uses a `--state` directory.
    public static let lockFileName = "ebauth.lock"

    /// The open lock file of a `--state` directory, -1 for a temporary one.
    private let lockDescriptor: Int32

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
            // One process per state directory: a second would delete the first one's uploads as
            // orphans at start, and answer reads from caches that do not see the other's writes.
            self.lockDescriptor = try Self.lock(path)
        } else {
            var base = NSTemporaryDirectory()
            if base.isEmpty { base = "/tmp" }
            while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
            let path = base + "/ebauth-" + UUID().uuidString.lowercased()
            try POSIXFile.makeDirectory(path)
            self.root = path
            self.isTemporary = true
            self.lockDescriptor = -1
        }
        do {
            self.blobStore = try BlobStore(root: root)
        } catch {
            if lockDescriptor >= 0 { close(lockDescriptor) }
            throw error
        }
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    /// Takes the directory's lock without waiting; another holder is an error naming the directory.
    private static func lock(_ root: String) throws -> Int32 {
        let path = root + "/" + lockFileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BlobStoreError.io(operation: "open", path: path, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK {
                throw StateDirectoryError.inUse(root)
            }
            throw BlobStoreError.io(operation: "flock", path: path, errno: code)
        }
        return descriptor
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

/// Why a state directory cannot be used.
public enum StateDirectoryError: Error, CustomStringConvertible, Equatable, Sendable {
    case inUse(String)

    public var description: String {
        switch self {
        case .inUse(let root):
            "state directory \(root) is in use by another ebauth process (\(StateDirectory.lockFileName) is locked); stop it or use another --state"
        }
    }
}
