/// One parsed HTTP/1.x request with its whole body received.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent, e.g. `/bucket/key?uploads`.
    public var target: String
    /// The path part of the target, still percent-encoded (SigV4 and S3 keys need the raw form).
    public var path: String
    /// The query part of the target without `?`, still percent-encoded; empty when absent.
    public var query: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// The peer's address, for logs.
    public var remoteAddress: String

    public init(
        method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(),
        body: HTTPBody = .empty, remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        let (path, query) = HTTPRequest.split(target: target)
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Splits an origin-form or absolute-form target into path and query.
    static func split(target: String) -> (path: String, query: String) {
        // The common origin-form, by byte (the parser admits only visible ASCII in a target).
        let utf8 = target.utf8
        if utf8.first == UInt8(ascii: "/") {
            guard let mark = utf8.firstIndex(of: UInt8(ascii: "?")) else { return (target, "") }
            return (String(target[..<mark]), String(target[utf8.index(after: mark)...]))
        }
        var rest = Substring(target)
        if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
            rest = rest.drop(while: { $0 != ":" }).dropFirst(3)
            if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = rest[slash...]
            } else {
                rest = "/"
            }
        }
        if let mark = rest.firstIndex(of: "?") {
            let path = rest[..<mark]
            return (path.isEmpty ? "/" : String(path), String(rest[rest.index(after: mark)...]))
        }
        return (String(rest), "")
    }
}

public enum HTTPVersion: Sendable, Equatable {
    case http10, http11

    public var text: String { self == .http10 ? "HTTP/1.0" : "HTTP/1.1" }
}
