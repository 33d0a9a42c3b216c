import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A prepared statement owned by one `Connection` (internal: callers use `run`/`query`).
///
/// Cached statements are reused, so every use ends with `reset()`, which also clears bindings:
/// a secret bound for one call never lingers into the next.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: Connection

    init(connection: Connection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        var stmt: OpaquePointer?
        var hasMoreSQL = false
        let rc = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(connection.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, &tail)
            // `tail` points into this temporary C string: inspect it before the buffer goes away.
            hasMoreSQL = tail.map { !Statement.isBlank($0) } ?? false
            return rc
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(stmt)
            throw SQLiteError(connection: connection.handle, resultCode: rc, sql: sql)
        }
        guard let stmt else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "SQL contains no statement", sql: sql)
        }
        if hasMoreSQL {
            sqlite3_finalize(stmt)
            throw SQLiteError(
                code: SQLITE_MISUSE, message: "SQL contains more than one statement; use execute() for scripts",
                sql: sql)
        }
        self.handle = stmt
    }

    deinit { sqlite3_finalize(handle) }

    private static func isBlank(_ tail: UnsafePointer<CChar>) -> Bool {
        var p = tail
        while p.pointee != 0 {
            switch p.pointee {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3B: p += 1  // whitespace or a stray ';'
            default: return false
            }
        }
        return true
    }

    /// Binds positional parameters (1-based in SQLite). The count must match exactly.
    func bind(_ values: [SQLiteValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "statement expects \(expected) parameters, got \(values.count)",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let i):
                rc = sqlite3_bind_int64(handle, index, i)
            case .real(let d):
                rc = sqlite3_bind_double(handle, index, d)
            case .text(let s):
                var s = s
                rc = s.withUTF8 { utf8 in
                    // An empty buffer may have a nil base address, which SQLite would read as NULL.
                    guard let base = utf8.baseAddress, utf8.count > 0 else {
                        return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text64(
                            handle, index, $0, sqlite3_uint64(utf8.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                }
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress, raw.count > 0 else {
                        return sqlite3_bind_zeroblob(handle, index, 0)
                    }
                    return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(raw.count), csqlite_transient())
                }
            }
            guard rc == SQLITE_OK else {
                throw SQLiteError(connection: connection.handle, resultCode: rc, sql: sql)
            }
        }
    }

    /// Advances one step: true when a row is available, false when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(connection: connection.handle, resultCode: rc, sql: sql)
        }
    }

    /// The last column map, reused while the names are the same (SQLite can re-prepare a
    /// statement after a schema change, so they are compared, not assumed).
    private var cachedColumns: ColumnMap?

    /// The column names of the current result set.
    func columnMap() -> ColumnMap {
        let count = sqlite3_column_count(handle)
        if let cached = cachedColumns, cached.names.count == Int(count),
            (0..<count).allSatisfy({ i in
                guard let name = sqlite3_column_name(handle, i) else { return cached.names[Int(i)].isEmpty }
                return cached.names[Int(i)].withCString { strcmp($0, name) == 0 }
            })
        {
            return cached
        }
        let names = (0..<count).map { i in sqlite3_column_name(handle, i).map { String(cString: $0) } ?? "" }
        let columns = ColumnMap(names: names, sql: sql)
        cachedColumns = columns
        return columns
    }

    /// The current row's values.
    func currentValues(count: Int) -> [SQLiteValue] {
        (0..<Int32(count)).map { column(at: $0) }
    }

    private func column(at i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            // Pointer first, then byte count, as SQLite documents.
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        default:
            guard let blob = sqlite3_column_blob(handle, i) else { return .blob([]) }
            let length = Int(sqlite3_column_bytes(handle, i))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: length)))
        }
    }

    /// Makes the statement reusable and drops the bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
