/// Serialises a response head and sends the response on a connection.
enum ResponseWriter {
    /// Writes `response` as the answer to a request with `method`; HEAD answers carry the
    /// headers a GET would have, and no body (RFC 9110 §9.3.2).
    static func write(
        _ response: HTTPResponse, method: String, version: HTTPVersion, keepAlive: Bool, on connection: HTTPConnection
    ) throws {
        var head = "\(version.text) \(response.status) \(HTTPStatus.reason(response.status))\r\n"
        var hasDate = false
        var hasContentLength = false
        for field in response.headers.fields {
            if field.name.equalsIgnoringASCIICase("connection") { continue }
            if field.name.equalsIgnoringASCIICase("date") { hasDate = true }
            if field.name.equalsIgnoringASCIICase("content-length") { hasContentLength = true }
            head += "\(field.name): \(field.value)\r\n"
        }
        if !hasDate { head += "Date: \(HTTPDate.now())\r\n" }
        let bodyless = response.status == 204 || response.status == 304 || (100..<200).contains(response.status)
        if !hasContentLength && !bodyless, let length = response.body.contentLength {
            head += "Content-Length: \(length)\r\n"
        }
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if version == .http10 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        let sendsBody = method != "HEAD" && !bodyless
        switch response.body {
        case .bytes(let bytes) where sendsBody && bytes.count <= 64 * 1024:
            var message = Array(head.utf8)
            message.append(contentsOf: bytes)
            try connection.writeAll(message)
        case .bytes(let bytes) where sendsBody:
            try connection.writeAll(Array(head.utf8))
            try connection.writeAll(bytes)
        case .file(let path, let offset, let length) where sendsBody:
            try connection.writeAll(Array(head.utf8))
            try connection.sendFile(path: path, offset: offset, length: length)
        default:
            try connection.writeAll(Array(head.utf8))
        }
    }
}
