import Foundation

/// Encodes a Codable shape straight to JSON 1.1 bytes, exactly as `JSONEncoder` does with
/// `.secondsSince1970` dates and `[.sortedKeys, .withoutEscapingSlashes]`, at a fraction of its cost.
///
/// Only the common path is handled here. Anything Foundation treats specially or would reject (NaN,
/// a value that encodes nothing, a key written twice, `URL`, `Decimal`, `superEncoder`) makes
/// `encode` return nil, and the caller lets `JSONEncoder` produce the bytes or the error.
enum JSON11Encoder {
    static func encode<T: Encodable>(_ value: T) -> [UInt8]? {
        let state = JSON11EncodingState()
        guard let node = try? state.box(value, owner: nil, ownerKeys: [], key: nil), !state.declined else {
            return nil
        }
        var writer = JSON11Writer()
        guard writer.write(node, depth: 0) else { return nil }
        return writer.bytes
    }
}

/// A value being encoded. Containers are boxes so that the containers handed to `encode(to:)` fill
/// them in place.
enum JSON11Node {
    case null
    case bool(Bool)
    case signed(Int64)
    case unsigned(UInt64)
    /// A finite float, already printed as Foundation prints it.
    case number(String)
    case string(String)
    case array(JSON11ArrayBox)
    case object(JSON11ObjectBox)
}

final class JSON11ArrayBox {
    var items: [JSON11Node] = []
}

/// Members in the order written; the writer sorts them.
final class JSON11ObjectBox {
    var members: [(key: String, value: JSON11Node)] = []

    init() {
        // Room for a typical response shape, so that appending does not reallocate member by member.
        members.reserveCapacity(10)
    }

    func append(_ key: String, _ value: JSON11Node) {
        members.append((key, value))
    }
}

/// Shared by every encoder of one `encode` call.
final class JSON11EncodingState {
    /// Set when Foundation must redo the whole encoding, whether or not an error reached the top.
    var declined = false

    struct Declined: Error {}

    func decline() -> Declined {
        declined = true
        return Declined()
    }

    func box<T: Encodable>(
        _ value: T, owner: JSON11ValueEncoder?, ownerKeys: [any CodingKey], key: (any CodingKey)?
    ) throws -> JSON11Node {
        if T.self == Date.self {
            return try number((value as! Date).timeIntervalSince1970)
        }
        if T.self == Data.self {
            return .string((value as! Data).base64EncodedString())
        }
        if T.self == URL.self || T.self == Decimal.self {
            throw decline()
        }
        let encoder = JSON11ValueEncoder(state: self, owner: owner, ownerKeys: ownerKeys, key: key)
        try value.encode(to: encoder)
        guard let node = encoder.node else { throw decline() }
        return node
    }

    /// Foundation prints a float with `description`, less a trailing ".0".
    func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws -> JSON11Node {
        guard value.isFinite else { throw decline() }
        var text = value.description
        if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        return .number(text)
    }
}

/// The `Encoder` for one value; it is also that value's single-value container.
final class JSON11ValueEncoder: Encoder, SingleValueEncodingContainer {
    let state: JSON11EncodingState
    let owner: JSON11ValueEncoder?
    /// Keys of nested containers between the owner's value and this one.
    let ownerKeys: [any CodingKey]
    let key: (any CodingKey)?
    var node: JSON11Node?

    init(state: JSON11EncodingState, owner: JSON11ValueEncoder?, ownerKeys: [any CodingKey], key: (any CodingKey)?) {
        self.state = state
        self.owner = owner
        self.ownerKeys = ownerKeys
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path = owner?.codingPath ?? []
        path += ownerKeys
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSON11ObjectBox
        switch node {
        case .object(let existing)?:
            box = existing
        case nil:
            box = JSON11ObjectBox()
            node = .object(box)
        default:
            state.declined = true
            box = JSON11ObjectBox()
        }
        return KeyedEncodingContainer(JSON11KeyedEncodingContainer<Key>(encoder: self, box: box, nestedKeys: []))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSON11ArrayBox
        switch node {
        case .array(let existing)?:
            box = existing
        case nil:
            box = JSON11ArrayBox()
            node = .array(box)
        default:
            state.declined = true
            box = JSON11ArrayBox()
        }
        return JSON11UnkeyedEncodingContainer(encoder: self, box: box, nestedKeys: [])
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        self
    }

    // MARK: SingleValueEncodingContainer

    private func set(_ value: JSON11Node) {
        if node != nil { state.declined = true }
        node = value
    }

    func encodeNil() throws { set(.null) }
    func encode(_ value: Bool) throws { set(.bool(value)) }
    func encode(_ value: String) throws { set(.string(value)) }
    func encode(_ value: Double) throws { set(try state.number(value)) }
    func encode(_ value: Float) throws { set(try state.number(value)) }
    func encode(_ value: Int) throws { set(.signed(Int64(value))) }
    func encode(_ value: Int8) throws { set(.signed(Int64(value))) }
    func encode(_ value: Int16) throws { set(.signed(Int64(value))) }
    func encode(_ value: Int32) throws { set(.signed(Int64(value))) }
    func encode(_ value: Int64) throws { set(.signed(value)) }
    func encode(_ value: UInt) throws { set(.unsigned(UInt64(value))) }
    func encode(_ value: UInt8) throws { set(.unsigned(UInt64(value))) }
    func encode(_ value: UInt16) throws { set(.unsigned(UInt64(value))) }
    func encode(_ value: UInt32) throws { set(.unsigned(UInt64(value))) }
    func encode(_ value: UInt64) throws { set(.unsigned(value)) }
    func encode<T: Encodable>(_ value: T) throws {
        if node != nil { state.declined = true }
        // Same path as this value's own: Foundation adds no key for a single-value container.
        node = try state.box(value, owner: owner, ownerKeys: ownerKeys, key: key)
    }
}

struct JSON11KeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSON11ValueEncoder
    let box: JSON11ObjectBox
    /// Keys of nested containers between the encoder's value and this one.
    let nestedKeys: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + nestedKeys }

    mutating func encodeNil(forKey key: Key) throws { box.append(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.append(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.append(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.append(key.stringValue, try encoder.state.number(value))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.append(key.stringValue, try encoder.state.number(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.append(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.append(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.append(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.append(key.stringValue, .signed(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.append(key.stringValue, .signed(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        box.append(key.stringValue, .unsigned(UInt64(value)))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        box.append(key.stringValue, .unsigned(UInt64(value)))
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        box.append(key.stringValue, .unsigned(UInt64(value)))
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        box.append(key.stringValue, .unsigned(UInt64(value)))
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.append(key.stringValue, .unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let node = try encoder.state.box(value, owner: encoder, ownerKeys: nestedKeys, key: key)
        box.append(key.stringValue, node)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSON11ObjectBox()
        box.append(key.stringValue, .object(nested))
        return KeyedEncodingContainer(
            JSON11KeyedEncodingContainer<NestedKey>(encoder: encoder, box: nested, nestedKeys: nestedKeys + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSON11ArrayBox()
        box.append(key.stringValue, .array(nested))
        return JSON11UnkeyedEncodingContainer(encoder: encoder, box: nested, nestedKeys: nestedKeys + [key])
    }

    mutating func superEncoder() -> any Encoder {
        encoder.state.declined = true
        return JSON11ValueEncoder(state: encoder.state, owner: encoder, ownerKeys: nestedKeys, key: nil)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder()
    }
}

struct JSON11UnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: JSON11ValueEncoder
    let box: JSON11ArrayBox
    let nestedKeys: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + nestedKeys }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(try encoder.state.number(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(try encoder.state.number(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.signed(Int64(value))) }
    mutating func encode(_ value: Int8) throws { box.items.append(.signed(Int64(value))) }
    mutating func encode(_ value: Int16) throws { box.items.append(.signed(Int64(value))) }
    mutating func encode(_ value: Int32) throws { box.items.append(.signed(Int64(value))) }
    mutating func encode(_ value: Int64) throws { box.items.append(.signed(value)) }
    mutating func encode(_ value: UInt) throws { box.items.append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = JSON11IndexKey(intValue: box.items.count)
        box.items.append(try encoder.state.box(value, owner: encoder, ownerKeys: nestedKeys, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let key = JSON11IndexKey(intValue: box.items.count)
        let nested = JSON11ObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(
            JSON11KeyedEncodingContainer<NestedKey>(encoder: encoder, box: nested, nestedKeys: nestedKeys + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = JSON11IndexKey(intValue: box.items.count)
        let nested = JSON11ArrayBox()
        box.items.append(.array(nested))
        return JSON11UnkeyedEncodingContainer(encoder: encoder, box: nested, nestedKeys: nestedKeys + [key])
    }

    mutating func superEncoder() -> any Encoder {
        encoder.state.declined = true
        return JSON11ValueEncoder(state: encoder.state, owner: encoder, ownerKeys: nestedKeys, key: nil)
    }
}

/// An array element's key, named as Foundation names it in coding paths.
struct JSON11IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
