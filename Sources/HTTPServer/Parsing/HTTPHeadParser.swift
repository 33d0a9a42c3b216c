/// Parses the bytes of a request head (request line and fields, up to but excluding the blank
/// line) into an `HTTPRequestHead`. Strict by design: what is not valid HTTP/1.1 is refused.
public enum HTTPHeadParser {
    public static let maxFields = 200

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        // Over the raw buffer: this runs for every request, and bounds-checked slice indexing was
        // a tenth of a small request's CPU.
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<HTTPRequestHead, HTTPParseError> in
            do throws(HTTPParseError) { return .success(try parse(buffer: buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                // Every line must end in CRLF; a bare LF is refused (RFC 9112 §2.2 allows it,
                // but it is also a classic way to split one request into two).
                guard index > start, bytes[index - 1] == UInt8(ascii: "\r") else {
                    throw lines.isEmpty ? .malformedRequestLine : .malformedHeader
                }
                lines.append(start..<(index - 1))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        guard let requestLine = lines.first else { throw .malformedRequestLine }
        guard lines.count - 1 <= maxFields else { throw .headersTooLarge }

        var head = try parseRequestLine(UnsafeBufferPointer(rebasing: bytes[requestLine]))
        head.headers.reserveCapacity(lines.count - 1)
        var hasHost = false
        for line in lines.dropFirst() {
            let field = try parseField(UnsafeBufferPointer(rebasing: bytes[line]))
            if !hasHost { hasHost = field.name.equalsIgnoringASCIICase("host") }
            head.headers.append(field)
        }
        if head.version == .http11 && !hasHost {
            // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host.
            throw .malformedHeader
        }
        return head
    }

    static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var spaces: [Int] = []
        for index in 0..<line.count where line[index] == UInt8(ascii: " ") {
            spaces.append(index)
            if spaces.count > 2 { throw .malformedRequestLine }
        }
        guard spaces.count == 2 else { throw .malformedRequestLine }
        let method = UnsafeBufferPointer(rebasing: line[0..<spaces[0]])
        let target = UnsafeBufferPointer(rebasing: line[(spaces[0] + 1)..<spaces[1]])
        let versionBytes = UnsafeBufferPointer(rebasing: line[(spaces[1] + 1)...])
        guard !method.isEmpty, !target.isEmpty, method.allSatisfy(isTokenByte),
            target.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .malformedRequestLine }
        let version: HTTPVersion
        if versionBytes.elementsEqual("HTTP/1.1".utf8) {
            version = .http11
        } else if versionBytes.elementsEqual("HTTP/1.0".utf8) {
            version = .http10
        } else {
            switch String(decoding: versionBytes, as: UTF8.self) {
            case let other where other.hasPrefix("HTTP/") && other.count == 8: throw .unsupportedVersion
            default: throw .malformedRequestLine
            }
        }
        let first = target[0]
        guard
            first == UInt8(ascii: "/") || target.starts(with: "http://".utf8) || target.starts(with: "https://".utf8)
                || (target.count == 1 && first == UInt8(ascii: "*"))
        else { throw .malformedRequestLine }
        return HTTPRequestHead(
            method: String(decoding: method, as: UTF8.self), target: String(decoding: target, as: UTF8.self),
            version: version, headers: [])
    }

    static func parseField(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestHead.HTTPField {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader }
        // No whitespace before the colon, no obsolete line folding (RFC 9112 §5.1, §5.2).
        guard colon > 0 else { throw .malformedHeader }
        for index in 0..<colon where !isTokenByte(line[index]) { throw .malformedHeader }
        var start = colon + 1, end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while start < end, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        for index in start..<end {
            let byte = line[index]
            guard byte == 0x09 || (byte >= 0x20 && byte != 0x7F) else { throw .malformedHeader }
        }
        return HTTPRequestHead.HTTPField(
            name: String(decoding: UnsafeBufferPointer(rebasing: line[0..<colon]), as: UTF8.self),
            value: String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self))
    }

    /// tchar from RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        tokenBytes[Int(byte)]
    }

    private static let tokenBytes: [Bool] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
