/// The request line and header fields, before the body is read.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    public var target: String
    public var version: HTTPVersion
    public var headers: [HTTPField]

    public struct HTTPField: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// How the body is framed (RFC 9112 §6.3).
    public enum BodyFraming: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    public var httpHeaders: HTTPHeaders {
        HTTPHeaders(headers.map { ($0.name, $0.value) })
    }

    /// Works out the body framing; conflicting or invalid framing is an error, never a guess,
    /// because guessing is how request smuggling starts.
    public func bodyFraming() throws(HTTPParseError) -> BodyFraming {
        var transferCodings: [String] = []
        var contentLength: Int?
        for field in headers {
            if field.name.equalsIgnoringASCIICase("transfer-encoding") {
                transferCodings += field.value.split(separator: ",").map {
                    $0.trimmingASCIIWhitespace().lowercased()
                }
            } else if field.name.equalsIgnoringASCIICase("content-length") {
                let values = field.value.split(separator: ",", omittingEmptySubsequences: false)
                for raw in values {
                    let text = raw.trimmingASCIIWhitespace()
                    guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                        let value = Int(text)
                    else { throw .invalidContentLength }
                    if let contentLength, contentLength != value { throw .invalidContentLength }
                    contentLength = value
                }
            }
        }
        if !transferCodings.isEmpty {
            if contentLength != nil { throw .invalidContentLength }
            guard version == .http11, transferCodings == ["chunked"] else { throw .unsupportedTransferCoding }
            return .chunked
        }
        if let contentLength, contentLength > 0 { return .length(contentLength) }
        return .none
    }

    public var keepAlive: Bool {
        let tokens = headers.filter { $0.name.equalsIgnoringASCIICase("connection") }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingASCIIWhitespace().lowercased() } }
        switch version {
        case .http11: return !tokens.contains("close")
        case .http10: return tokens.contains("keep-alive")
        }
    }

    public var expectsContinue: Bool {
        headers.contains {
            $0.name.equalsIgnoringASCIICase("expect")
                && $0.value.trimmingASCIIWhitespace().lowercased() == "100-continue"
        }
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
