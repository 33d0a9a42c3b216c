import Foundation

/// A JSON document with its types kept apart (`true` is not `1`), for files whose meaning
/// depends on how a value was written.
enum JSONValue: Equatable, Sendable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// nil unless `data` is strict JSON (no trailing commas, comments or other leniency).
    static func parse(_ data: Data) -> JSONValue? {
        guard StrictJSON.validate(Array(data)) == nil else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// A scalar as text, the way Python's `str()` shows it (the EB CLI compares versions so).
    var text: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : String(value)
        case .bool(let value): value ? "True" : "False"
        default: nil
        }
    }

    var integer: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .number(let value): value == value.rounded() ? Int(value) : nil
        case .string(let value): Int(value)
        default: nil
        }
    }
}
