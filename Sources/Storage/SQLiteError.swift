import CSQLite

/// An error reported by SQLite (or by this layer on SQLite's behalf).
///
/// It carries the result code, SQLite's message and the SQL text, but never the values that
/// were bound to the statement: those may be secrets (parameter values, keys, tokens).
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// Primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …), the low byte of `extendedCode`.
    public let code: Int32
    /// Extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); equals `code` when there is none.
    public let extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`) or this layer's explanation.
    public let message: String
    /// The SQL text that failed, if any. Parameters appear as `?`, never as their values.
    public let sql: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        let extended = extendedCode ?? code
        self.code = extended & 0xFF
        self.extendedCode = extended
        self.message = message
        self.sql = sql
    }

    /// Builds the error from a connection's current error state.
    init(connection db: OpaquePointer?, resultCode: Int32, sql: String?) {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? resultCode
        // If the handle's last error does not belong to this result (e.g. a misuse code), trust the result.
        let effective = (extended & 0xFF) == (resultCode & 0xFF) ? extended : resultCode
        let message =
            db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(resultCode))
        self.init(code: effective, message: message, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        if let sql {
            let shown = sql.count > 500 ? String(sql.prefix(500)) + "…" : sql
            text += " [sql: \(shown)]"
        }
        return text
    }

    /// Any constraint failure (UNIQUE, PRIMARY KEY, NOT NULL, CHECK, FOREIGN KEY).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }

    /// A UNIQUE or PRIMARY KEY conflict: services map this to "already exists" errors.
    public var isUniqueViolation: Bool {
        extendedCode == SQLiteError.constraintUnique || extendedCode == SQLiteError.constraintPrimaryKey
    }

    // Extended codes are function-like macros in sqlite3.h, which Swift does not import.
    /// `SQLITE_CONSTRAINT_UNIQUE`.
    public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)

    /// The database stayed locked by another connection for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
}
