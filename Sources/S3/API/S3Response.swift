import AWSCore
import Foundation

/// How S3 answers: XML documents in S3's namespace, or empty bodies with headers.
enum S3Response {
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// An ETag as headers and XML carry it, in quotes (for shapes whose `ETag` member hides the type).
    static func quoted(_ etag: String) -> String { ETag.quoted(etag) }

    /// An optional leaf: nothing when `value` is nil.
    static func leaf(_ name: String, _ value: String?) -> [XMLTree] {
        value.map { [.leaf(name, $0)] } ?? []
    }

    static func owner(_ accountID: String) -> XMLTree {
        .node("Owner", [.leaf("ID", CanonicalUser.id(forAccount: accountID))])
    }

    /// `<TagSet><Tag><Key/><Value/></Tag>…</TagSet>`.
    static func tagSet(_ tags: TagSet) -> XMLTree {
        .node("TagSet", tags.tags.map { .node("Tag", [.leaf("Key", $0.key), .leaf("Value", $0.value)]) })
    }

    /// The checksum elements of a result (`ChecksumCRC32`, `ChecksumType`).
    static func checksumElements(_ checksum: ObjectChecksum?) -> [XMLTree] {
        guard let checksum else { return [] }
        return [
            .leaf(checksumMember(checksum.algorithm), checksum.value), .leaf("ChecksumType", checksum.type.rawValue),
        ]
    }

    /// The model's member name for an algorithm: `ChecksumCRC32`, `ChecksumCRC64NVME`, ...
    static func checksumMember(_ algorithm: ChecksumAlgorithm) -> String {
        "Checksum" + algorithm.name
    }
}

extension RESTResponse {
    /// An S3 result document: `<root xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`.
    mutating func s3XML(_ root: String, _ children: [XMLTree]) {
        xml(root, namespace: S3Response.namespace, children)
    }

    /// Header members that are stored fields of an object (encryption, Content-Type, ...).
    mutating func headers(_ fields: [ObjectHeaders.Field]) {
        for field in fields { header(field.name, field.value) }
    }

    /// `x-amz-checksum-<algorithm>` and, when `withType`, `x-amz-checksum-type`.
    mutating func checksum(_ checksum: ObjectChecksum?, withType: Bool = true) {
        guard let checksum else { return }
        header(checksum.algorithm.headerName, checksum.value)
        if withType { header("x-amz-checksum-type", checksum.type.rawValue) }
    }
}

/// The answer of an operation whose output has no members: a status and no body.
struct EmptyOutput: RESTXMLOutput {
    var status = 200

    static let ok = EmptyOutput()
    static let noContent = EmptyOutput(status: 204)

    func write(to response: inout RESTResponse) {
        response.status = status
    }
}

/// S3's timestamp format in XML bodies.
enum S3Time {
    /// `2024-05-01T12:00:00.123Z`.
    static func iso8601(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis / 1000
        let fraction = Int(millis - seconds * 1000)
        let base = AMZDate.iso8601(Date(timeIntervalSince1970: Double(seconds)))
        let padded = String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
        return String(base.dropLast(4)) + "\(padded)Z"
    }
}
