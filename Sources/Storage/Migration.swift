import Crypto
import TextAlgorithms

/// One schema change, identified by a unique id such as "ssm-001-create-parameter".
///
/// Migrations are never edited once shipped: the `Migrator` records the SHA-256 of `sql` and
/// refuses to start if a recorded migration's SQL has changed. Fix mistakes with a new migration.
public struct Migration: Sendable, Hashable {
    public let id: String
    /// A script of one or more statements, run inside the migration's own transaction.
    public let sql: String

    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }

    /// Shorthand: `Migration("ssm-001-create-parameter", "CREATE TABLE …")`.
    public init(_ id: String, _ sql: String) {
        self.init(id: id, sql: sql)
    }

    /// Lowercase hex SHA-256 of the UTF-8 bytes of `sql` (whitespace counts).
    public var sha256: String {
        SHA256.hash(data: Array(sql.utf8)).hexString
    }
}

/// Why the `Migrator` refused to go on.
public enum MigrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The recorded hash of an applied migration differs from the SQL shipped now.
    case editedAfterShipping(id: String)
    /// The same id appears twice in the list given to the `Migrator`.
    case duplicateID(String)
    /// A migration id is empty.
    case emptyID
    /// After the migration ran, `PRAGMA foreign_key_check` found rows violating a foreign key.
    case foreignKeyViolation(id: String, table: String)

    public var description: String {
        switch self {
        case .editedAfterShipping(let id):
            "migration \(id) was edited after it shipped (its SQL no longer matches the recorded SHA-256); add a new migration instead"
        case .duplicateID(let id):
            "migration id \(id) appears more than once"
        case .emptyID:
            "a migration has an empty id"
        case .foreignKeyViolation(let id, let table):
            "migration \(id) leaves rows in table \(table) that violate a foreign key"
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal text of the bytes.
    var hexString: String { Hex.encode(self) }
}
