import Foundation
import HTTPServer

/// What a REST operation's output shape writes: status, header members, and one body — an XML
/// document, a payload of bytes, a window onto a file (sent with sendfile), or none.
public struct RESTResponse: Sendable {
    public var status = 200
    var headers = HTTPHeaders()
    var body: HTTPResponse.Body = .bytes([])

    public init() {}

    /// A `location: header` member; nothing when `value` is nil.
    public mutating func header(_ name: String, _ value: String?) {
        if let value { headers.add(name, value) }
    }

    /// A timestamp header member, in the RFC 7231 form REST protocols use for headers.
    public mutating func header(_ name: String, date: Date) {
        headers.add(name, HTTPDate.format(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down))))
    }

    /// The XML payload: `<root xmlns="namespace">children</root>` with the XML declaration.
    public mutating func xml(_ root: String, namespace: String, _ children: [XMLTree]) {
        headers.add("Content-Type", "application/xml")
        let tree = XMLTree.element(root, attributes: [("xmlns", namespace)], children: children)
        body = .bytes(Array(tree.document.utf8))
    }

    /// A payload of bytes (a blob or string member, such as a bucket policy).
    public mutating func payload(_ bytes: [UInt8], contentType: String) {
        headers.add("Content-Type", contentType)
        body = .bytes(bytes)
    }

    /// A streaming payload read from `length` bytes of the file at `path` from `offset`.
    public mutating func file(path: String, offset: Int64, length: Int64) {
        body = .file(path: path, offset: Int(offset), length: Int(length))
    }

    /// No payload, but Content-Length describes one (HEAD) or is left out (nil, as for 304).
    public mutating func describedPayload(contentLength: Int64?) {
        body = .headers(contentLength: contentLength.map { Int($0) })
    }

    var http: HTTPResponse { HTTPResponse(status: status, headers: headers, body: body) }
}
