import CSQLite

/// Column names of one result set, shared by all its rows (and the SQL, for error messages).
final class ColumnMap: Sendable {
    let names: [String]
    let indexByName: [String: Int]
    let sql: String

    init(names: [String], sql: String) {
        self.names = names
        var index: [String: Int] = [:]
        // The first column of a given name wins, as in SQLite's own name resolution.
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.indexByName = index
        self.sql = sql
    }
}

/// One result row: values plus typed accessors by column name or index.
///
/// Accessors throw `SQLiteError` (`SQLITE_MISMATCH`, `SQLITE_RANGE`) when the column is missing or
/// holds another type, so a schema mistake becomes an error response rather than a crash.
/// Non-optional accessors treat NULL as a mismatch; use the `optional…` ones for nullable columns.
public struct Row: Sendable {
    let columns: ColumnMap
    /// The values in column order.
    public let values: [SQLiteValue]

    init(columns: ColumnMap, values: [SQLiteValue]) {
        self.columns = columns
        self.values = values
    }

    /// Column names in order.
    public var columnNames: [String] { columns.names }

    /// Number of columns.
    public var count: Int { values.count }

    /// The raw value at `index`, or nil when out of range.
    public subscript(index: Int) -> SQLiteValue? {
        values.indices.contains(index) ? values[index] : nil
    }

    /// The raw value of column `name`, or nil when there is no such column.
    public subscript(name: String) -> SQLiteValue? {
        columns.indexByName[name].map { values[$0] }
    }

    // MARK: Lookup

    private func value(_ index: Int) throws -> (SQLiteValue, ColumnLabel) {
        guard values.indices.contains(index) else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "column index \(index) out of range (row has \(values.count))",
                sql: columns.sql)
        }
        return (values[index], .index(index, columns.names[index]))
    }

    private func value(_ name: String) throws -> (SQLiteValue, ColumnLabel) {
        guard let index = columns.indexByName[name] else {
            throw SQLiteError(code: SQLITE_ERROR, message: "no such result column: \(name)", sql: columns.sql)
        }
        return (values[index], .name(name))
    }

    private func mismatch(_ label: ColumnLabel, _ value: SQLiteValue, expected: String) -> SQLiteError {
        SQLiteError(
            code: SQLITE_MISMATCH, message: "column \(label) is \(value.typeName), expected \(expected)",
            sql: columns.sql)
    }

    // MARK: Conversions (shared by the name and index accessors)

    private func asInt64(_ v: (SQLiteValue, ColumnLabel)) throws -> Int64? {
        switch v.0 {
        case .null: return nil
        case .integer(let i): return i
        default: throw mismatch(v.1, v.0, expected: "INTEGER")
        }
    }

    private func asDouble(_ v: (SQLiteValue, ColumnLabel)) throws -> Double? {
        switch v.0 {
        case .null: return nil
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: throw mismatch(v.1, v.0, expected: "REAL")
        }
    }

    private func asString(_ v: (SQLiteValue, ColumnLabel)) throws -> String? {
        switch v.0 {
        case .null: return nil
        case .text(let s): return s
        default: throw mismatch(v.1, v.0, expected: "TEXT")
        }
    }

    private func asBytes(_ v: (SQLiteValue, ColumnLabel)) throws -> [UInt8]? {
        switch v.0 {
        case .null: return nil
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: throw mismatch(v.1, v.0, expected: "BLOB")
        }
    }

    private func required<T>(
        _ v: (SQLiteValue, ColumnLabel), _ expected: String, _ convert: ((SQLiteValue, ColumnLabel)) throws -> T?
    ) throws -> T {
        guard let result = try convert(v) else { throw mismatch(v.1, v.0, expected: expected) }
        return result
    }

    private func asInt(_ v: (SQLiteValue, ColumnLabel)) throws -> Int? {
        try asInt64(v).map { Int($0) }
    }

    private func asBool(_ v: (SQLiteValue, ColumnLabel)) throws -> Bool? {
        try asInt64(v).map { $0 != 0 }
    }

    // MARK: By name

    public func int(_ name: String) throws -> Int { try required(value(name), "INTEGER", asInt) }
    public func int64(_ name: String) throws -> Int64 { try required(value(name), "INTEGER", asInt64) }
    public func bool(_ name: String) throws -> Bool { try required(value(name), "INTEGER", asBool) }
    public func double(_ name: String) throws -> Double { try required(value(name), "REAL", asDouble) }
    public func string(_ name: String) throws -> String { try required(value(name), "TEXT", asString) }
    public func bytes(_ name: String) throws -> [UInt8] { try required(value(name), "BLOB", asBytes) }

    public func optionalInt(_ name: String) throws -> Int? { try asInt(value(name)) }
    public func optionalInt64(_ name: String) throws -> Int64? { try asInt64(value(name)) }
    public func optionalBool(_ name: String) throws -> Bool? { try asBool(value(name)) }
    public func optionalDouble(_ name: String) throws -> Double? { try asDouble(value(name)) }
    public func optionalString(_ name: String) throws -> String? { try asString(value(name)) }
    public func optionalBytes(_ name: String) throws -> [UInt8]? { try asBytes(value(name)) }

    // MARK: By index

    public func int(_ index: Int) throws -> Int { try required(value(index), "INTEGER", asInt) }
    public func int64(_ index: Int) throws -> Int64 { try required(value(index), "INTEGER", asInt64) }
    public func bool(_ index: Int) throws -> Bool { try required(value(index), "INTEGER", asBool) }
    public func double(_ index: Int) throws -> Double { try required(value(index), "REAL", asDouble) }
    public func string(_ index: Int) throws -> String { try required(value(index), "TEXT", asString) }
    public func bytes(_ index: Int) throws -> [UInt8] { try required(value(index), "BLOB", asBytes) }

    public func optionalInt(_ index: Int) throws -> Int? { try asInt(value(index)) }
    public func optionalInt64(_ index: Int) throws -> Int64? { try asInt64(value(index)) }
    public func optionalBool(_ index: Int) throws -> Bool? { try asBool(value(index)) }
    public func optionalDouble(_ index: Int) throws -> Double? { try asDouble(value(index)) }
    public func optionalString(_ index: Int) throws -> String? { try asString(value(index)) }
    public func optionalBytes(_ index: Int) throws -> [UInt8]? { try asBytes(value(index)) }
}

/// How an accessor named its column, turned into text only for an error message (accessors run
/// for every column of every row read).
enum ColumnLabel: CustomStringConvertible {
    case name(String)
    case index(Int, String)

    var description: String {
        switch self {
        case .name(let name): "'\(name)'"
        case .index(let index, let name): "#\(index) (\(name))"
        }
    }
}
