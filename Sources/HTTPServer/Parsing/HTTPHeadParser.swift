/// Parses the bytes of a request head (request line and fields, up to but excluding the blank
/// line) into an `HTTPRequestHead`. Strict by design: what is not valid HTTP/1.1 is refused.
public enum HTTPHeadParser {
    public static let maxFields = 200

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                // Every line must end in CRLF; a bare LF is refused (RFC 9112 §2.2 allows it,
                // but it is also a classic way to split one request into two).
                guard index > start, bytes[index - 1] == UInt8(ascii: "\r") else {
                    throw lines.isEmpty ? .malformedRequestLine : .malformedHeader
                }
                lines.append(bytes[start..<(index - 1)])
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex { lines.append(bytes[start..<bytes.endIndex]) }
        guard let requestLine = lines.first else { throw .malformedRequestLine }
        guard lines.count - 1 <= maxFields else { throw .headersTooLarge }

        var head = try parseRequestLine(requestLine)
        for line in lines.dropFirst() {
            head.headers.append(try parseField(line))
        }
        if head.version == .http11 && !head.headers.contains(where: { $0.name.equalsIgnoringASCIICase("host") }) {
            // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host.
            throw .malformedHeader
        }
        return head
    }

    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy(isTokenByte),
            parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .malformedRequestLine }
        let version: HTTPVersion
        switch String(decoding: parts[2], as: UTF8.self) {
        case "HTTP/1.1": version = .http11
        case "HTTP/1.0": version = .http10
        case let other where other.hasPrefix("HTTP/") && other.count == 8: throw .unsupportedVersion
        default: throw .malformedRequestLine
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        guard target.hasPrefix("/") || target.hasPrefix("http://") || target.hasPrefix("https://") || target == "*"
        else { throw .malformedRequestLine }
        return HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: target, version: version, headers: [])
    }

    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead.HTTPField {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader }
        let name = line[line.startIndex..<colon]
        // No whitespace before the colon, no obsolete line folding (RFC 9112 §5.1, §5.2).
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformedHeader }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { throw .malformedHeader }
        return HTTPRequestHead.HTTPField(
            name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// tchar from RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
