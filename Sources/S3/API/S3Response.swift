import AWSCore
import Foundation
import HTTPServer

/// How S3 answers: XML documents in S3's namespace, or empty bodies with headers.
enum S3Response {
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// `<root xmlns="…">children</root>` with the XML declaration.
    static func xml(_ root: String, _ children: [XMLTree], status: Int = 200, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        var headers = headers
        headers.add("Content-Type", "application/xml")
        let tree = XMLTree.element(root, attributes: [("xmlns", namespace)], children: children)
        return HTTPResponse(status: status, headers: headers, bytes: Array(tree.document.utf8))
    }

    static func empty(status: Int = 200, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, bytes: [])
    }

    /// An optional leaf: nothing when `value` is nil.
    static func leaf(_ name: String, _ value: String?) -> [XMLTree] {
        value.map { [.leaf(name, $0)] } ?? []
    }

    static func owner(_ accountID: String) -> XMLTree {
        .node("Owner", [.leaf("ID", CanonicalUser.id(forAccount: accountID))])
    }

    /// The checksum elements of a result (`ChecksumCRC32`, `ChecksumType`).
    static func checksumElements(_ checksum: ObjectChecksum?) -> [XMLTree] {
        guard let checksum else { return [] }
        return [.leaf(checksumMember(checksum.algorithm), checksum.value), .leaf("ChecksumType", checksum.type.rawValue)]
    }

    /// The model's member name for an algorithm: `ChecksumCRC32`, `ChecksumCRC64NVME`, ...
    static func checksumMember(_ algorithm: ChecksumAlgorithm) -> String {
        "Checksum" + algorithm.name
    }
}

/// S3's timestamp formats.
enum S3Time {
    /// `2024-05-01T12:00:00.123Z`, as in XML bodies.
    static func iso8601(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis / 1000
        let fraction = Int(millis - seconds * 1000)
        let base = AMZDate.iso8601(Date(timeIntervalSince1970: Double(seconds)))
        let padded = String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
        return String(base.dropLast(4)) + "\(padded)Z"
    }

    /// `Wed, 01 May 2024 12:00:00 GMT`, as in Last-Modified.
    static func http(_ date: Date) -> String {
        HTTPDate.format(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}
