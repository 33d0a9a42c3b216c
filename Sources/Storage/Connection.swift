import CSQLite

/// One SQLite connection with a prepared-statement cache.
///
/// Not thread-safe and deliberately not `Sendable`: a `Database` owns its connections and lends
/// one to a single thread at a time through `read`/`write`. Every connection has
/// `foreign_keys = ON`, extended result codes and a busy timeout, so concurrent access from
/// another process waits instead of failing immediately.
public final class Connection {
    /// Flags for `sqlite3_open_v2`.
    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// "Multi-thread" mode: no per-connection mutex; safe because a connection is used by one
        /// thread at a time.
        public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
        public static let uri = OpenFlags(rawValue: SQLITE_OPEN_URI)
    }

    /// How a transaction ended, passed to `onTransactionEnd` actions.
    public enum TransactionOutcome: Sendable {
        case committed
        case rolledBack
    }

    /// Default busy timeout in milliseconds.
    public static let defaultBusyTimeout: Int32 = 5000
    /// Cached statements beyond this count flush the cache (bounds memory for dynamic SQL).
    static let statementCacheLimit = 128

    let handle: OpaquePointer
    /// The file this connection opened.
    public let path: String
    private var statements: [String: Statement] = [:]
    private var transactionEndActions: [(Connection, TransactionOutcome) -> Void] = []
    private var savepointCounter = 0

    /// Opens `path` with `flags` (`.noMutex` is always added).
    public init(path: String, flags: OpenFlags = [.readWrite, .create], busyTimeout: Int32 = defaultBusyTimeout) throws
    {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags.union(.noMutex).rawValue, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(connection: db, resultCode: rc, sql: nil)
            sqlite3_close_v2(db)
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeout)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        statements.removeAll()  // finalize before closing
        sqlite3_close_v2(handle)
    }

    // MARK: Executing SQL

    /// Runs a script of one or more statements without parameters (migrations, pragmas).
    /// Rows produced by the script are discarded.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard rc == SQLITE_OK else {
            var error = SQLiteError(connection: handle, resultCode: rc, sql: sql)
            if let errorMessage {
                error = SQLiteError(code: error.extendedCode, message: String(cString: errorMessage), sql: sql)
            }
            throw error
        }
    }

    /// Runs one statement with positional `?` parameters, stepping it to completion.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        try withStatement(sql, values) { statement in
            while try statement.step() {}
        }
    }

    /// Runs one statement and returns all of its rows.
    public func query(_ sql: String, _ values: [SQLiteValue] = []) throws -> [Row] {
        try withStatement(sql, values) { statement in
            var rows: [Row] = []
            var columns: ColumnMap?
            while try statement.step() {
                let map = columns ?? statement.columnMap()
                columns = map
                rows.append(Row(columns: map, values: statement.currentValues(count: map.names.count)))
            }
            return rows
        }
    }

    /// Runs one statement and returns its first row, or nil when it produced none.
    public func queryOne(_ sql: String, _ values: [SQLiteValue] = []) throws -> Row? {
        try withStatement(sql, values) { statement in
            guard try statement.step() else { return nil }
            let map = statement.columnMap()
            return Row(columns: map, values: statement.currentValues(count: map.names.count))
        }
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Row id of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True while a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// True when the connection cannot write (reader connections).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    // MARK: Transactions

    /// Runs `body` inside a SAVEPOINT: its changes are rolled back alone if it throws, while the
    /// enclosing transaction goes on. Usable inside `Database.write` for partial failures.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointCounter += 1
        let name = "ebauth_sp_\(savepointCounter)"
        defer { savepointCounter -= 1 }
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
    }

    /// Registers an action to run when the current `Database.write` transaction ends, whether it
    /// committed or rolled back. Actions run on the writer's thread while the writer lock is still
    /// held, so no other write can interleave; they must not throw and should be quick (the blob
    /// store uses this to delete files that lost their last reference, only once that is durable).
    public func onTransactionEnd(_ action: @escaping (Connection, TransactionOutcome) -> Void) {
        transactionEndActions.append(action)
    }

    /// Runs and clears the registered end-of-transaction actions (called by `Database.write`).
    func finishTransaction(_ outcome: TransactionOutcome) {
        let actions = transactionEndActions
        transactionEndActions.removeAll()
        for action in actions { action(self, outcome) }
    }

    /// Drops actions left over from a transaction that was not run through `Database.write`.
    func discardTransactionActions() {
        transactionEndActions.removeAll()
    }

    // MARK: Statement cache

    private func withStatement<T>(_ sql: String, _ values: [SQLiteValue], _ body: (Statement) throws -> T) throws -> T {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try body(statement)
    }

    private func cachedStatement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        if statements.count >= Connection.statementCacheLimit { statements.removeAll() }
        statements[sql] = statement
        return statement
    }

    /// Number of cached prepared statements (for tests and diagnostics).
    var cachedStatementCount: Int { statements.count }
}

@available(*, unavailable, message: "a Connection belongs to one thread at a time; use Database.read/write")
extension Connection: Sendable {}
