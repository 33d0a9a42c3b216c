import AWSCore
import Foundation
import Storage
import TextAlgorithms

/// All of S3's SQL, as the statements of `S3Transaction`. Rows come back as model values;
/// bytes are blob digests whose references are taken and released in the same transaction as
/// the rows that hold them.
///
/// The backend runs a `read` or a `write` and calls the transaction's methods inside it, so each
/// operation sees one snapshot and commits all of its changes or none. The bucket and the object
/// a request addresses are read through caches kept until the next write.
struct S3Store: Sendable {
    let database: Database
    let blobStore: BlobStore
    /// Buckets by name and objects by bucket and key: read on every request, kept until the
    /// next write.
    let bucketsByName: ReadCache<String, Bucket?>
    let objectsByKey: ReadCache<ObjectAddress, StoredObject?>

    struct ObjectAddress: Hashable, Sendable {
        var bucket: String
        var key: String
    }

    init(database: Database, blobStore: BlobStore) {
        self.database = database
        self.blobStore = blobStore
        bucketsByName = ReadCache(database: database)
        objectsByKey = ReadCache(database: database)
    }

    func read<T>(_ body: (S3Transaction) throws -> T) throws -> T {
        try database.read { try body(S3Transaction(connection: $0, blobStore: blobStore)) }
    }

    func write<T>(_ body: (S3Transaction) throws -> T) throws -> T {
        try database.write { try body(S3Transaction(connection: $0, blobStore: blobStore)) }
    }

    func bucket(named name: String) throws -> Bucket? {
        try bucketsByName.value(for: name) { try read { try $0.bucket(named: name) } }
    }

    func object(bucket: String, key: String) throws -> StoredObject? {
        try objectsByKey.value(for: ObjectAddress(bucket: bucket, key: key)) {
            try read { try $0.object(bucket: bucket, key: key) }
        }
    }

    /// Where the bytes of a new row come from: freshly staged, or a blob another row already holds.
    enum BlobSource {
        case staged(StagedBlob)
        case existing(digest: String)
    }
}

/// The statements of one transaction, with the blob references its rows take and release.
struct S3Transaction {
    let connection: Connection
    let blobStore: BlobStore

    /// Takes a reference to the bytes for a new row; returns their digest.
    func reference(_ source: S3Store.BlobSource) throws -> String {
        switch source {
        case .staged(let staged):
            return try blobStore.commit(staged, in: connection).digest
        case .existing(let digest):
            return try blobStore.addReference(digest, in: connection).digest
        }
    }

    /// Drops a row's reference; the blob file goes when no row holds it.
    func release(_ digest: String) throws {
        try blobStore.release(digest, in: connection)
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}

/// Lists of name/value pairs stored as JSON arrays of pairs, order kept.
enum FieldCoding {
    // Most objects have no metadata or tags: "[]" skips JSONSerialization on every read and write.
    static func encode(_ pairs: [(String, String)]) -> String {
        if pairs.isEmpty { return "[]" }
        // A JSON array of [name, value] pairs, written by hand (this runs for every stored object).
        var out = "["
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out += "," }
            out += "[" + quoted(pair.0) + "," + quoted(pair.1) + "]"
        }
        return out + "]"
    }

    static func quoted(_ text: String) -> String {
        var out = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                out += Array("\\u00".utf8) + [Hex.digit(byte >> 4), Hex.digit(byte & 0xF)]
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [(String, String)] {
        if text == "[]" { return [] }
        if let pairs = PairListParser.parse(text) { return pairs }
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]] else { return [] }
        return array.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    static func encode(_ fields: [ObjectHeaders.Field]) -> String { encode(fields.map { ($0.name, $0.value) }) }

    static func fields(_ text: String) -> [ObjectHeaders.Field] {
        decode(text).map { ObjectHeaders.Field(name: $0.0, value: $0.1) }
    }

    static func encode(_ tags: TagSet) -> String { encode(tags.tags.map { ($0.key, $0.value) }) }

    static func tags(_ text: String) -> TagSet { TagSet(decode(text).map { TagSet.Tag(key: $0.0, value: $0.1) }) }
}

/// Reads what `FieldCoding.encode` writes (`[["name","value"],…]`) without JSONSerialization;
/// nil for anything else (other escapes, numbers, whitespace), which then goes the general way.
enum PairListParser {
    static func parse(_ text: String) -> [(String, String)]? {
        let bytes = Array(text.utf8)
        var at = 0
        func expect(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }
        func string() -> String? {
            guard expect(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { return nil }
                    let escaped = bytes[at]
                    at += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "u"):
                        // Only the \u00XX control characters `encode` writes.
                        guard at + 4 <= bytes.count, bytes[at] == 48, bytes[at + 1] == 48,
                            let value = UInt8(String(decoding: bytes[(at + 2)..<(at + 4)], as: UTF8.self), radix: 16),
                            value < 0x20
                        else { return nil }
                        out.append(value)
                        at += 4
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(byte)
                }
            }
            return nil
        }
        guard expect(UInt8(ascii: "[")) else { return nil }
        var pairs: [(String, String)] = []
        if expect(UInt8(ascii: "]")) { return at == bytes.count ? pairs : nil }
        repeat {
            guard expect(UInt8(ascii: "[")), let name = string(), expect(UInt8(ascii: ",")), let value = string(),
                expect(UInt8(ascii: "]"))
            else { return nil }
            pairs.append((name, value))
        } while expect(UInt8(ascii: ","))
        guard expect(UInt8(ascii: "]")), at == bytes.count else { return nil }
        return pairs
    }
}
