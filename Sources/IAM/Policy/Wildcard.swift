import TextAlgorithms

/// IAM's `*` (any run of characters, including none) and `?` (exactly one character) patterns.
///
/// Every statement's actions and resources are matched on every request, so ASCII text (all
/// that AWS names are) is matched in place on its UTF-8 bytes; other text by Unicode scalars.
enum Wildcard {
    /// Whether `text` matches `pattern`; `caseInsensitive` for action names.
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
        let ascii = withBytes(pattern, text) { p, t in
            isASCII(p) && isASCII(t) ? asciiMatches(p[...], t[...], caseInsensitive: caseInsensitive) : nil
        }
        if let ascii { return ascii }
        return scalarMatches(pattern, text, caseInsensitive: caseInsensitive)
    }

    /// ARN patterns match segment by segment (`arn:partition:service:region:account:resource`),
    /// so a wildcard in the account cannot swallow the resource part; the last segment of the
    /// pattern takes whatever remains. Anything that is not an ARN is matched as a whole.
    static func matchesARN(_ pattern: String, _ arn: String) -> Bool {
        if pattern == "*" { return true }
        if let result = withBytes(pattern, arn, asciiMatchesARN) { return result }
        guard pattern.hasPrefix("arn:"), arn.hasPrefix("arn:") else { return matches(pattern, arn) }
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let arnParts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard arnParts.count == 6 else { return matches(pattern, arn) }
        for (index, part) in patternParts.enumerated() {
            let isLast = index == patternParts.count - 1
            let target = isLast ? arnParts[index...].joined(separator: ":") : String(arnParts[index])
            if !matches(String(part), target) { return false }
        }
        return true
    }

    /// `matchesARN` on ASCII bytes; nil when either side is not ASCII.
    private static func asciiMatchesARN(_ pattern: UnsafeBufferPointer<UInt8>, _ arn: UnsafeBufferPointer<UInt8>)
        -> Bool?
    {
        guard isASCII(pattern), isASCII(arn) else { return nil }
        guard pattern.starts(with: arnPrefix), arn.starts(with: arnPrefix) else {
            return asciiMatches(pattern[...], arn[...], caseInsensitive: false)
        }
        // Start of each of the ARN's six segments (the last one runs to the end).
        var arnStarts: [Int] = [0]
        arnStarts.reserveCapacity(6)
        for index in arn.indices where arn[index] == UInt8(ascii: ":") && arnStarts.count < 6 {
            arnStarts.append(index + 1)
        }
        guard arnStarts.count == 6 else { return asciiMatches(pattern[...], arn[...], caseInsensitive: false) }
        var segment = 0
        var start = pattern.startIndex
        while true {
            // The pattern's segment ends at its next colon, unless it is the sixth or the last.
            var end = start
            if segment < 5 {
                while end < pattern.endIndex, pattern[end] != UInt8(ascii: ":") { end += 1 }
            } else {
                end = pattern.endIndex
            }
            let isLast = end == pattern.endIndex
            let targetEnd = isLast ? arn.endIndex : arnStarts[segment + 1] - 1
            if !asciiMatches(pattern[start..<end], arn[arnStarts[segment]..<targetEnd], caseInsensitive: false) {
                return false
            }
            if isLast { return true }
            start = end + 1
            segment += 1
        }
    }

    private static let arnPrefix = Array("arn:".utf8)

    /// `body` on the UTF-8 bytes of both strings, in place; nil when they are not contiguous or `body` gives nil.
    private static func withBytes(
        _ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool?
    ) -> Bool? {
        let result = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in body(a, b) }
        }
        return result.flatMap { $0.flatMap { $0 } }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// The matcher on ASCII bytes (folding A-Z when case-insensitive).
    private static func asciiMatches(
        _ p: Slice<UnsafeBufferPointer<UInt8>>, _ t: Slice<UnsafeBufferPointer<UInt8>>, caseInsensitive: Bool
    ) -> Bool {
        let fold: UInt8 = caseInsensitive ? 0x20 : 0
        @inline(__always) func folded(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | fold : byte
        }
        return Glob.matches(p, t, star: UInt8(ascii: "*"), question: UInt8(ascii: "?")) { folded($0) == folded($1) }
    }

    private static func scalarMatches(_ pattern: String, _ text: String, caseInsensitive: Bool) -> Bool {
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        return Glob.matches(p[...], t[...], star: "*", question: "?", equal: ==)
    }
}
