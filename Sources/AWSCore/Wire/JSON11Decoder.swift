import Foundation

/// Decodes a JSON 1.1 request body into a Codable shape, giving exactly what `JSONDecoder` (with
/// `.secondsSince1970` dates) gives on success, at a fraction of its cost.
///
/// It never reports an error itself. Whenever anything goes wrong or is unusual (malformed text, a
/// wrong type, a missing member, a number that is not a plain in-range integer, a duplicate key in
/// a dictionary, even an error a shape catches and recovers from), `decode` returns nil and the
/// caller lets `JSONDecoder` decode the body, so every error, with its case and coding path, is
/// Foundation's own.
enum JSON11Decoder {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        let parsed = bytes.withUnsafeBufferPointer { buffer in try? JSON11Parser.parse(buffer) }
        guard let parsed else { return nil }
        let decoder = JSON11ValueDecoder(bytes: bytes, value: parsed)
        guard let value = try? decoder.unwrap(parsed, as: type, nestedKeys: [], key: nil), !decoder.declined else {
            return nil
        }
        return value
    }
}

/// One decoder for the whole body: decoding a member's value swaps `value` and pushes its key, as
/// Foundation's decoder does, so no object is allocated per member.
final class JSON11ValueDecoder: Decoder, SingleValueDecodingContainer {
    /// The body, for numbers, which stay as byte ranges until a shape asks for one.
    let bytes: [UInt8]
    var value: JSON11Value
    /// The coding path of `value`.
    var keys: [any CodingKey] = []
    /// Set by every error this decoder throws, so that a shape that catches one still ends in Foundation.
    var declined = false

    struct Declined: Error {}

    init(bytes: [UInt8], value: JSON11Value) {
        self.bytes = bytes
        self.value = value
    }

    func decline() -> Declined {
        declined = true
        return Declined()
    }

    var codingPath: [any CodingKey] { keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw decline() }
        return KeyedDecodingContainer(
            JSON11KeyedDecodingContainer<Key>(decoder: self, members: members, nestedKeys: []))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw decline() }
        return JSON11UnkeyedDecodingContainer(decoder: self, items: items, nestedKeys: [])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    /// Decodes `value` as `T`, at the current path plus `nestedKeys` and `key`.
    func unwrap<T: Decodable>(
        _ value: JSON11Value, as type: T.Type, nestedKeys: [any CodingKey], key: (any CodingKey)?
    ) throws -> T {
        if T.self == String.self {
            return try string(value) as! T
        }
        if T.self == Date.self {
            return Date(timeIntervalSince1970: try double(value)) as! T
        }
        if T.self == Data.self {
            guard let data = Data(base64Encoded: try string(value)) else { throw decline() }
            return data as! T
        }
        if T.self == URL.self || T.self == Decimal.self {
            throw decline()
        }
        let depth = keys.count
        keys.append(contentsOf: nestedKeys)
        if let key { keys.append(key) }
        let saved = self.value
        self.value = value
        defer {
            self.value = saved
            while keys.count > depth { keys.removeLast() }
        }
        return try T(from: self)
    }

    // MARK: Scalars

    func string(_ value: JSON11Value) throws -> String {
        guard case .string(let text) = value else { throw decline() }
        return text
    }

    func bool(_ value: JSON11Value) throws -> Bool {
        guard case .bool(let flag) = value else { throw decline() }
        return flag
    }

    /// Plain in-range integers only; "1.0", "1e3" and "-0" are left to Foundation.
    func integer<I: FixedWidthInteger>(_ value: JSON11Value, as type: I.Type) throws -> I {
        guard case .number(var position, let end) = value else { throw decline() }
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative {
            guard I.isSigned, bytes[position + 1] != UInt8(ascii: "0") else { throw decline() }
            position += 1
        }
        var result: I = 0
        while position < end {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { throw decline() }
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            let (next, overflowAgain) =
                negative ? shifted.subtractingReportingOverflow(I(digit)) : shifted.addingReportingOverflow(I(digit))
            guard !overflow, !overflowAgain else { throw decline() }
            result = next
            position += 1
        }
        return result
    }

    func double(_ value: JSON11Value) throws -> Double {
        guard case .number(let start, let end) = value else { throw decline() }
        let text = bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
        // An overflow, or an underflow to zero, is Foundation's to report or round.
        guard let number = Double(text), number.isFinite,
            number != 0 || !text.utf8.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
        else { throw decline() }
        return number
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(value) }
    func decode(_ type: String.Type) throws -> String { try string(value) }
    func decode(_ type: Double.Type) throws -> Double { try double(value) }
    func decode(_ type: Float.Type) throws -> Float { throw decline() }
    func decode(_ type: Int.Type) throws -> Int { try integer(value, as: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(value, as: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(value, as: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(value, as: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(value, as: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(value, as: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(value, as: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(value, as: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(value, as: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(value, as: type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try unwrap(value, as: type, nestedKeys: [], key: nil)
    }
}

struct JSON11KeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSON11ValueDecoder
    let members: [JSON11Member]
    /// Keys of nested containers between the decoder's value and this one.
    let nestedKeys: [any CodingKey]
    /// The decoder's path depth when this container was made.
    let depth: Int
    /// First occurrence of each key, for objects too large to search member by member.
    let index: [String: Int]?

    init(decoder: JSON11ValueDecoder, members: [JSON11Member], nestedKeys: [any CodingKey]) {
        self.decoder = decoder
        self.members = members
        self.nestedKeys = nestedKeys
        depth = decoder.keys.count
        if members.count > 16 {
            var index: [String: Int] = [:]
            for (position, member) in members.enumerated() where index[member.key] == nil {
                index[member.key] = position
            }
            self.index = index
        } else {
            index = nil
        }
    }

    var codingPath: [any CodingKey] { Array(decoder.keys.prefix(depth)) + nestedKeys }

    /// Keys compared as Swift strings, as Foundation's dictionary of members compares them. With a
    /// repeated key Foundation still decodes (and may fail on) every value of a `[String: V]`, so
    /// that case is left to it.
    var allKeys: [Key] {
        var seen = Set<String>()
        seen.reserveCapacity(members.count)
        let keys = members.compactMap { seen.insert($0.key).inserted ? Key(stringValue: $0.key) : nil }
        if seen.count != members.count { decoder.declined = true }
        return keys
    }

    private func find(_ key: Key) -> JSON11Value? {
        let name = key.stringValue
        if let index {
            return index[name].map { members[$0].value }
        }
        for member in members where member.key == name {
            return member.value
        }
        return nil
    }

    private func value(_ key: Key) throws -> JSON11Value {
        guard let value = find(key) else { throw decoder.decline() }
        return value
    }

    /// A present, non-null member, or nil, as Foundation's `decodeIfPresent` reads it.
    private func present(_ key: Key) -> JSON11Value? {
        guard let value = find(key), !value.isNull else { return nil }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw decoder.decline() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(value(key), as: type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(value(key), as: type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(value(key), as: type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(value(key), as: type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(value(key), as: type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(value(key), as: type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(value(key), as: type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.integer(value(key), as: type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.integer(value(key), as: type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.integer(value(key), as: type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unwrap(value(key), as: type, nestedKeys: nestedKeys, key: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map(decoder.bool)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map(decoder.string)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try decoder.integer($0, as: type) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try present(key).map { try decoder.integer($0, as: type) }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try present(key).map { try decoder.integer($0, as: type) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try decoder.unwrap($0, as: type, nestedKeys: nestedKeys, key: key) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        guard case .object(let nested) = try value(key) else { throw decoder.decline() }
        return KeyedDecodingContainer(
            JSON11KeyedDecodingContainer<NestedKey>(decoder: decoder, members: nested, nestedKeys: nestedKeys + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = try value(key) else { throw decoder.decline() }
        return JSON11UnkeyedDecodingContainer(decoder: decoder, items: items, nestedKeys: nestedKeys + [key])
    }

    func superDecoder() throws -> any Decoder { throw decoder.decline() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw decoder.decline() }
}

struct JSON11UnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: JSON11ValueDecoder
    let items: [JSON11Value]
    let nestedKeys: [any CodingKey]
    let depth: Int
    private(set) var currentIndex = 0

    init(decoder: JSON11ValueDecoder, items: [JSON11Value], nestedKeys: [any CodingKey]) {
        self.decoder = decoder
        self.items = items
        self.nestedKeys = nestedKeys
        depth = decoder.keys.count
    }

    var codingPath: [any CodingKey] { Array(decoder.keys.prefix(depth)) + nestedKeys }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next element; callers move the index on only once it decoded, as Foundation does.
    private func current() throws -> JSON11Value {
        guard !isAtEnd else { throw decoder.decline() }
        return items[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw decoder.decline() }
        guard items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try advance(decoder.bool(current())) }
    mutating func decode(_ type: String.Type) throws -> String { try advance(decoder.string(current())) }
    mutating func decode(_ type: Double.Type) throws -> Double { try advance(decoder.double(current())) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw decoder.decline() }
    mutating func decode(_ type: Int.Type) throws -> Int { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try advance(decoder.integer(current(), as: type)) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = JSON11IndexKey(intValue: currentIndex)
        return try advance(decoder.unwrap(current(), as: type, nestedKeys: nestedKeys, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
        NestedKey
    > {
        guard case .object(let members) = try current() else { throw decoder.decline() }
        let path = nestedKeys + [JSON11IndexKey(intValue: currentIndex)]
        return advance(
            KeyedDecodingContainer(
                JSON11KeyedDecodingContainer<NestedKey>(decoder: decoder, members: members, nestedKeys: path)))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let nested) = try current() else { throw decoder.decline() }
        let path = nestedKeys + [JSON11IndexKey(intValue: currentIndex)]
        return advance(JSON11UnkeyedDecodingContainer(decoder: decoder, items: nested, nestedKeys: path))
    }

    private mutating func advance<T>(_ value: T) -> T {
        currentIndex += 1
        return value
    }

    mutating func superDecoder() throws -> any Decoder { throw decoder.decline() }
}
