/// Object keys are opaque names: any UTF-8 up to 1024 bytes. They live only in SQLite rows and
/// XML; bytes live in content-addressed files, so `..` or `/` in a key never reaches a path.
enum ObjectKey {
    static let maxBytes = 1024

    static func validate(_ key: String) throws(S3Error) {
        let size = key.utf8.count
        guard size <= maxBytes else { throw .keyTooLong(size: size) }
    }

    /// Whether a raw request path percent-decodes to UTF-8; AWS answers InvalidURI when it does not
    /// (`%FF` in a key), where decoding leniently would store a key no client asked for.
    static func isUTF8(rawPath: String) -> Bool {
        guard rawPath.contains("%") else { return true }
        var bytes: [UInt8] = []
        var rest = Array(rawPath.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%"), rest.count >= 2, let high = hex(rest[rest.startIndex]),
                let low = hex(rest[rest.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
