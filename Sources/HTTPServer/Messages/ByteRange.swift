/// A single byte range from a `Range: bytes=…` header, resolved against a body's size
/// (RFC 9110 §14.1.2), for services that answer 206 from a file.
public struct ByteRange: Sendable, Equatable {
    public let offset: Int
    public let length: Int

    public var last: Int { offset + length - 1 }

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }

    /// `Content-Range` value of a 206 answer: `bytes 0-99/1234`.
    public func contentRange(size: Int) -> String {
        "bytes \(offset)-\(last)/\(size)"
    }

    public enum Resolution: Sendable, Equatable {
        /// No usable Range header: answer the whole body with 200, as servers must ignore a
        /// range they cannot parse (and S3 ignores multi-range requests the same way).
        case whole
        case partial(ByteRange)
        /// A syntactically valid range that starts past the end: 416 with `bytes */size`.
        case unsatisfiable
    }

    public static func resolve(_ header: String?, size: Int) -> Resolution {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst(6).trimmingASCIIWhitespace()
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash], second = spec[spec.index(after: dash)...]
        func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(text)
        }
        if first.isEmpty {
            // Suffix range: the last N bytes.
            guard let suffix = number(second) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            let length = min(suffix, size)
            return .partial(ByteRange(offset: size - length, length: length))
        }
        guard let start = number(first) else { return .whole }
        let end: Int
        if second.isEmpty {
            end = size - 1
        } else {
            guard let value = number(second), value >= start else { return .whole }
            end = min(value, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .partial(ByteRange(offset: start, length: end - start + 1))
    }
}
