/// Decodes a query-protocol input shape from its parameters, flattened as botocore's query
/// serializer writes them: scalars by name (`UserName`), list members as `Name.member.N`,
/// structure members as `Parent.Member` (so `Tags.member.1.Key`), maps as
/// `Name.entry.N.key` / `.value`. Members the shape does not name are ignored.
///
/// Shapes keep members optional (as SSM's do) so that the model, not the decoder, says which
/// are required and in whose words. The decoder's own error is a number that does not parse,
/// in the words of the services' model validation; only a flattening no client writes (a
/// structure's member sent without its parent's) fails as `DecodingError`.
public enum QueryDecoding {
    public static func decode<T: Decodable>(_ type: T.Type, from parameters: QueryItems) throws -> T {
        try T(from: QueryValueDecoder(QueryParameters(parameters), prefix: "", codingPath: []))
    }
}

/// `1 validation error detected: Value 'x' at 'maxItems' failed to satisfy constraint: Member
/// must be a number`, as IAM and STS answer a number member that is not one.
public struct QueryNumberError: AWSErrorConvertible, Equatable {
    public var value: String
    /// The member as the service's validation names it: lower camel case (`maxItems`).
    public var member: String

    public init(value: String, member: String) {
        self.value = value
        self.member = member
    }

    public var awsError: AWSError {
        AWSError(
            code: "ValidationError",
            message: "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: "
                + "Member must be a number",
            status: 400)
    }
}

/// The parameters by name, for the lookups decoding makes.
final class QueryParameters {
    let values: [String: String]
    let names: [String]

    init(_ items: QueryItems) {
        // The first of repeated names wins, as `QueryItems`' subscript reads them.
        values = Dictionary(items.items.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        names = items.items.map(\.name)
    }

    /// Whether `name` or anything under it (`name.…`) was sent.
    func contains(_ name: String) -> Bool {
        if values[name] != nil { return true }
        let prefix = name + "."
        return names.contains { $0.hasPrefix(prefix) }
    }

    /// The indices N of `prefix` + `N` + (`.` or end), in ascending order.
    func indices(under prefix: String) -> [Int] {
        var found = Set<Int>()
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let index = Int(rest.prefix { $0 != "." }) { found.insert(index) }
        }
        return found.sorted()
    }
}

struct QueryValueDecoder: Decoder {
    let parameters: QueryParameters
    /// The flattened name of this value (`Tags.member.1`); empty for the input shape itself.
    let prefix: String
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ parameters: QueryParameters, prefix: String, codingPath: [any CodingKey]) {
        self.parameters = parameters
        self.prefix = prefix
        self.codingPath = codingPath
    }

    func child(_ name: String, _ key: any CodingKey) -> QueryValueDecoder {
        QueryValueDecoder(
            parameters, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", codingPath: codingPath + [key])
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(QueryKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        QueryListContainer(decoder: self)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        QueryScalarContainer(decoder: self)
    }

    /// The text of this value, or `keyNotFound`/`valueNotFound` as JSONDecoder would say it.
    func text() throws -> String {
        guard let value = parameters.values[prefix] else {
            throw DecodingError.valueNotFound(
                String.self, .init(codingPath: codingPath, debugDescription: "No parameter \(prefix)."))
        }
        return value
    }

    /// Booleans as the query services read them: `true` in any case, anything else false.
    func bool() throws -> Bool {
        try text().lowercased() == "true"
    }

    func number<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
        let value = try text()
        guard let number = T(value) else {
            let name = codingPath.last?.stringValue ?? prefix
            throw QueryNumberError(value: value, member: name.prefix(1).lowercased() + name.dropFirst())
        }
        return number
    }

    /// A list of strings: the `Name.member.N` values in N order.
    func strings() -> [String] {
        let members = "\(prefix).member."
        return parameters.indices(under: members).compactMap { parameters.values["\(members)\($0)"] }
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try text() as! T
        case is Bool.Type: return try bool() as! T
        case is Int.Type: return try number(Int.self) as! T
        case is Int64.Type: return try number(Int64.self) as! T
        case is Int32.Type: return try number(Int32.self) as! T
        case is Double.Type: return try number(Double.self) as! T
        // Members sent with sub-members instead of a value (`TagKeys.member.1.x`) are skipped.
        case is [String].Type: return strings() as! T
        default: return try T(from: self)
        }
    }
}

private struct QueryKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: QueryValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    /// For maps (`Name.entry.N.key`), the keys sent; for structures, nothing is enumerable.
    var allKeys: [Key] {
        let entries = "\(decoder.prefix).entry."
        return decoder.parameters.indices(under: entries).compactMap { index in
            decoder.parameters.values["\(entries)\(index).key"].flatMap { Key(stringValue: $0) }
        }
    }

    func contains(_ key: Key) -> Bool {
        member(key) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let member = member(key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No parameter for \(key.stringValue)."))
        }
        return try member.decode(type)
    }

    /// A structure's member `Parent.Key`, or a map's value `Name.entry.N.value` for the entry
    /// whose key is `key`; nil when neither was sent.
    private func member(_ key: Key) -> QueryValueDecoder? {
        let child = decoder.child(key.stringValue, key)
        if decoder.parameters.contains(child.prefix) { return child }
        let entries = "\(decoder.prefix).entry."
        for index in decoder.parameters.indices(under: entries)
        where decoder.parameters.values["\(entries)\(index).key"] == key.stringValue {
            return QueryValueDecoder(
                decoder.parameters, prefix: "\(entries)\(index).value", codingPath: codingPath + [key])
        }
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedDecodingContainer<NestedKey>
    {
        decoder.child(key.stringValue, key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedDecodingContainer {
        decoder.child(key.stringValue, key).unkeyedContainer()
    }

    func superDecoder() -> any Decoder { decoder }

    func superDecoder(forKey key: Key) -> any Decoder { decoder.child(key.stringValue, key) }
}

/// A list's members, `Name.member.N` in N order; an empty list is sent as `Name=` and has none.
private struct QueryListContainer: UnkeyedDecodingContainer {
    let decoder: QueryValueDecoder
    let indices: [Int]
    var currentIndex = 0

    init(decoder: QueryValueDecoder) {
        self.decoder = decoder
        indices = decoder.parameters.indices(under: "\(decoder.prefix).member.")
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { indices.count }
    var isAtEnd: Bool { currentIndex >= indices.count }

    private mutating func next() throws -> QueryValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "No more members."))
        }
        let index = indices[currentIndex]
        currentIndex += 1
        return QueryValueDecoder(
            decoder.parameters, prefix: "\(decoder.prefix).member.\(index)",
            codingPath: codingPath + [QueryIndexKey(index: index)])
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct QueryScalarContainer: SingleValueDecodingContainer {
    let decoder: QueryValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.parameters.values[decoder.prefix] == nil }
    // The standard library routes `decode(Bool.self)` and the other scalars here.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}

struct QueryIndexKey: CodingKey {
    let index: Int
    init(index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
    var stringValue: String { "member.\(index)" }
    var intValue: Int? { index }
}
