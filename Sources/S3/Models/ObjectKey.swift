import TextAlgorithms

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
        return String(validating: PercentDecoding.decode(rawPath), as: UTF8.self) != nil
    }
}
