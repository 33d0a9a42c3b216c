/// `%XX` escapes decoded to the bytes they stand for. The result is bytes, not text: a caller
/// decides what bytes that are not UTF-8 mean (replaced, refused with its own error, …).
public enum PercentDecoding {
    /// Decodes every `%XX`; a `%` not followed by two hex digits (`%ZZ`, `%` at the end) stays as it
    /// is, as AWS reads such paths and queries. `plusAsSpace` for form bodies.
    @inlinable
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> [UInt8] {
        // Never nil: with malformed escapes kept, every input decodes.
        decode(text, plusAsSpace: plusAsSpace, keepingMalformedEscapes: true) ?? []
    }

    /// Decodes every `%XX`; nil when a `%` is not followed by two hex digits.
    @inlinable
    public static func decodeStrictly(_ text: some StringProtocol) -> [UInt8]? {
        decode(text, plusAsSpace: false, keepingMalformedEscapes: false)
    }

    @inlinable
    static func decode(_ text: some StringProtocol, plusAsSpace: Bool, keepingMalformedEscapes: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%") {
                if rest.count >= 2, let high = Hex.value(of: rest[rest.startIndex]),
                    let low = Hex.value(of: rest[rest.startIndex + 1])
                {
                    bytes.append(high << 4 | low)
                    rest = rest.dropFirst(2)
                } else if keepingMalformedEscapes {
                    bytes.append(byte)
                } else {
                    return nil
                }
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }
}
