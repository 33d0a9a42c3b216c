import Foundation

/// Encodes a query-protocol output shape as the children of its `<ActionResult>` element, as
/// botocore's query parser reads them: members in declaration order, absent optionals left
/// out, lists as `<Name><member>…</member></Name>` (an empty one as `<Name/>`), booleans
/// `true`/`false`, timestamps in ISO 8601 with whole seconds (`2026-11-29T13:21:19Z`).
public enum QueryEncoding {
    public static func encode<T: Encodable>(_ value: T) throws -> [XMLTree] {
        let encoder = QueryValueEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.value.children
    }
}

/// What one value encoded to: its text, or its elements in the order they were encoded.
final class QueryEncodedValue {
    private enum Part {
        case element(XMLTree)
        /// An element whose children are still being encoded (a nested container).
        case nested(String, QueryEncodedValue)
    }

    var text: String?
    private var parts: [Part] = []

    var children: [XMLTree] {
        if let text { return [.text(text)] }
        return parts.map { part in
            switch part {
            case .element(let element): element
            case .nested(let name, let value): .node(name, value.children)
            }
        }
    }

    func append(_ element: XMLTree) {
        parts.append(.element(element))
    }

    /// A new `<name>` element here, whose children are encoded into the value returned.
    func nest(_ name: String) -> QueryEncodedValue {
        let value = QueryEncodedValue()
        parts.append(.nested(name, value))
        return value
    }
}

struct QueryValueEncoder: Encoder {
    let value: QueryEncodedValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: QueryEncodedValue = QueryEncodedValue(), codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(QueryKeyedEncoder<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        QueryListEncoder(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        QueryScalarEncoder(encoder: self)
    }

    /// Encodes `item` as the element `<name>` here.
    func element<T: Encodable>(_ name: String, _ item: T, at path: [any CodingKey]) throws {
        if let text = Self.scalar(item) {
            value.append(.leaf(name, text))
        } else {
            try item.encode(to: QueryValueEncoder(value.nest(name), codingPath: path))
        }
    }

    /// A nested container's encoder, writing into `<name>` here.
    func nested(_ name: String, at path: [any CodingKey]) -> QueryValueEncoder {
        QueryValueEncoder(value.nest(name), codingPath: path)
    }

    /// The wire text of a scalar, or nil for structures and lists.
    static func scalar<T: Encodable>(_ item: T) -> String? {
        switch item {
        case let text as String: text
        case let flag as Bool: flag ? "true" : "false"
        case let date as Date: AMZDate.extended(date, suffix: "Z")
        case let number as any BinaryInteger: String(describing: number)
        case let number as Double: String(number)
        default: nil
        }
    }
}

private struct QueryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: QueryValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.element(key.stringValue, value, at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.nested(key.stringValue, at: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.nested(key.stringValue, at: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.nested(key.stringValue, at: codingPath + [key])
    }
}

/// A list's items, each as `<member>`.
private struct QueryListEncoder: UnkeyedEncodingContainer {
    let encoder: QueryValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count = 0

    mutating func encodeNil() {}

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.element("member", value, at: codingPath)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        count += 1
        return encoder.nested("member", at: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        return encoder.nested("member", at: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        count += 1
        return encoder.nested("member", at: codingPath)
    }
}

private struct QueryScalarEncoder: SingleValueEncodingContainer {
    let encoder: QueryValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() {}

    // The standard library routes `encode(Bool)` and the other scalars here.
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let text = QueryValueEncoder.scalar(value) {
            encoder.value.text = text
        } else {
            try value.encode(to: encoder)
        }
    }
}
