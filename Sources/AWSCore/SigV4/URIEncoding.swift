import TextAlgorithms

/// Percent-encoding as SigV4 defines it: only A–Z a–z 0–9 - _ . ~ stay as they are, and
/// every other byte becomes %XX in upper case.
public enum URIEncoding {
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(Unicode.Scalar(Hex.upperDigit(byte >> 4)))
                result.unicodeScalars.append(Unicode.Scalar(Hex.upperDigit(byte & 0xF)))
            }
        }
        return result
    }

    /// Decodes %XX escapes; `plusAsSpace` for form bodies. Invalid escapes stay literal, and
    /// bytes that are not UTF-8 are replaced, as AWS does with such keys.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> String {
        guard text.contains("%") || (plusAsSpace && text.contains("+")) else { return String(text) }
        return String(decoding: PercentDecoding.decode(text, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
