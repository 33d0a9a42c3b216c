/// Object keys are opaque names: any UTF-8 up to 1024 bytes. They live only in SQLite rows and
/// XML; bytes live in content-addressed files, so `..` or `/` in a key never reaches a path.
enum ObjectKey {
    static let maxBytes = 1024

    static func validate(_ key: String) throws(S3Error) {
        let size = key.utf8.count
        guard size <= maxBytes else { throw .keyTooLong(size: size) }
    }
}
