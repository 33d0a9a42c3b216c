/// The `Credential=` value of a SigV4 signature: `AKID/20250101/us-east-1/s3/aws4_request`.
public struct SigV4Credential: Sendable, Equatable {
    public var accessKeyID: String
    public var date: String
    public var region: String
    public var service: String
    public var terminator: String

    /// The credential scope, the part after the access key.
    public var scope: String { "\(date)/\(region)/\(service)/\(terminator)" }

    public static func parse(_ text: String) -> SigV4Credential? {
        // An access key never contains '/', so the last four parts are the scope.
        var text = text
        let parts = text.withUTF8 { bytes in
            var parts: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return parts
        }
        guard parts.count == 5, !parts[0].isEmpty, isEightDigits(parts[1]),
            !parts[2].isEmpty, !parts[3].isEmpty
        else { return nil }
        return SigV4Credential(
            accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3], terminator: parts[4])
    }

    /// Eight digits; the ASCII check is the fast path of the Character-wise one.
    static func isEightDigits(_ text: String) -> Bool {
        if text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
        return text.count == 8 && text.allSatisfy(\.isNumber)
    }

    /// The `Credential=` value of an Authorization header, up to the next comma or space.
    public static func text(inAuthorization authorization: String) -> Substring? {
        guard let range = range(of: "Credential=", in: authorization) else { return nil }
        let rest = authorization[range.upperBound...]
        let end = rest.utf8.firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") } ?? rest.endIndex
        return rest[..<end]
    }

    /// The non-empty `/`-separated parts of a credential (access key, date, region, service, terminator).
    public static func scopeParts(_ credential: Substring) -> [Substring] {
        ASCII.split(credential, on: UInt8(ascii: "/"))
    }

    /// The first occurrence of ASCII `needle` in `text`.
    static func range(of needle: StaticString, in text: String) -> Range<String.Index>? {
        let utf8 = text.utf8
        return needle.withUTF8Buffer { pattern -> Range<String.Index>? in
            guard let first = pattern.first else { return nil }
            var index = utf8.startIndex
            while let found = utf8[index...].firstIndex(of: first) {
                var end = found
                var matched = true
                for byte in pattern {
                    guard end != utf8.endIndex, utf8[end] == byte else { matched = false; break }
                    end = utf8.index(after: end)
                }
                if matched { return found..<end }
                index = utf8.index(after: found)
            }
            return nil
        }
    }
}
