import Foundation
import Storage

/// All of IAM's SQL. Rules live in the backend; this file only reads and writes rows.
struct IAMStore: Sendable {
    let database: Database

    func read<T>(_ body: (IAMTables) throws -> T) throws -> T {
        try database.read { try body(IAMTables(connection: $0)) }
    }

    func write<T>(_ body: (IAMTables) throws -> T) throws -> T {
        try database.write { try body(IAMTables(connection: $0)) }
    }
}

/// The tables as seen inside one transaction.
struct IAMTables {
    let connection: Connection

    static func date(_ value: Double) -> Date { Date(timeIntervalSince1970: value) }

    static func encodeTags(_ tags: [IAMTag]) -> String {
        String(decoding: (try? JSONEncoder().encode(tags)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeTags(_ text: String) -> [IAMTag] {
        // Most entities have no tags, and authorization reads a role's or user's row per request.
        if text == "[]" { return [] }
        return (try? JSONDecoder().decode([IAMTag].self, from: Data(text.utf8))) ?? []
    }
}
