/// One SQLite value, as bound to a statement parameter or read from a result column.
///
/// The literal conformances let callers write `try conn.run("… WHERE name = ?", ["x", 42, nil])`.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The SQLite storage class name ("NULL", "INTEGER", "REAL", "TEXT", "BLOB"), used in
    /// error messages instead of the value itself (values may be secrets).
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLiteValue {
    /// An integer value from a Swift `Int`.
    public static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }

    /// `1` or `0`: SQLite has no boolean type.
    public static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }

    /// `.text(value)`, or `.null` when `value` is nil.
    public static func optional(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// `.integer(value)`, or `.null` when `value` is nil.
    public static func optional(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }

    /// `.integer(value)`, or `.null` when `value` is nil.
    public static func optional(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }

    /// `.blob(value)`, or `.null` when `value` is nil.
    public static func optional(_ value: [UInt8]?) -> SQLiteValue { value.map { .blob($0) } ?? .null }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
