import AWSCore
import Foundation
import Storage

/// Every SQL statement of S3. Rows come back as model values; bytes are blob digests whose
/// references are taken and released in the same transaction as the rows that hold them.
struct S3Store: Sendable {
    let database: Database
    let blobStore: BlobStore

    /// Where the bytes of a new row come from: freshly staged, or a blob another row already holds.
    enum BlobSource {
        case staged(StagedBlob)
        case existing(digest: String)
    }

    func reference(_ source: BlobSource, in connection: Connection) throws -> String {
        switch source {
        case .staged(let staged):
            return try blobStore.commit(staged, in: connection).digest
        case .existing(let digest):
            return try blobStore.addReference(digest, in: connection).digest
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}

/// Lists of name/value pairs stored as JSON arrays of pairs, order kept.
enum FieldCoding {
    // Most objects have no metadata or tags: "[]" skips JSONSerialization on every read and write.
    static func encode(_ pairs: [(String, String)]) -> String {
        if pairs.isEmpty { return "[]" }
        let array = pairs.map { [$0.0, $0.1] }
        let data = (try? JSONSerialization.data(withJSONObject: array, options: [])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [(String, String)] {
        if text == "[]" { return [] }
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
