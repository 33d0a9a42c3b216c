import AWSCore
import Foundation
import HTTPServer

/// Response builders shared by the endpoint handlers.
enum RegistryResponses {
    static func json(_ status: Int, _ body: RegistryJSON, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        for (name, value) in extra { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, bytes: Array((body.text + "\n").utf8))
    }

    /// A bodiless answer (201/202/204) with the given headers and `Content-Length: 0`.
    static func empty(_ status: Int, _ fields: [(String, String)]) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in fields { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, body: .bytes([]))
    }

    static func blobLocation(_ name: String, _ digest: String) -> String { "/v2/\(name)/blobs/\(digest)" }
    static func uploadLocation(_ name: String, _ id: String) -> String { "/v2/\(name)/blobs/uploads/\(id)" }
    static func manifestLocation(_ name: String, _ digest: String) -> String { "/v2/\(name)/manifests/\(digest)" }

    /// `Range` of an upload holding `size` bytes; `0-0` for an empty one, as registry:2 sends.
    static func uploadRange(_ size: Int64) -> String { "0-\(max(size - 1, 0))" }

    /// Whether `If-None-Match` names this entity tag (or `*`).
    static func notModified(_ request: HTTPRequest, etag: String) -> Bool {
        guard let header = request.headers["if-none-match"] else { return false }
        return header.split(separator: ",").contains {
            let value = $0.trimmingCharacters(in: .whitespaces)
            return value == "*" || value == etag || value == "W/" + etag
        }
    }

    /// `n` of a paginated list: absent → nil; else a non-negative integer ≤ `maximum`.
    static func pageSize(_ query: QueryItems, maximum: Int?) throws -> Int? {
        guard let text = query["n"] else { return nil }
        guard let value = Int(text), value >= 0, maximum.map({ value <= $0 }) ?? true else {
            throw RegistryError.paginationNumberInvalid(text)
        }
        return value
    }
}
