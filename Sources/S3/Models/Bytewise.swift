/// Key comparisons as S3 makes them: on UTF-8 bytes. Swift's `String` compares and prefixes by
/// canonical equivalence, under which `é` and `e\u{301}` are equal; S3 keys that differ in bytes
/// are different keys and sort by bytes (as SQLite's BINARY collation does).
enum Bytewise {
    static func equal(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func lessOrEqual(_ a: String, _ b: String) -> Bool { !less(b, a) }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }

    /// The part of `key` up to and including the first `delimiter` after `prefix`, if any.
    static func commonPrefix(of key: String, prefix: String, delimiter: String) -> String? {
        let bytes = Array(key.utf8)
        let needle = Array(delimiter.utf8)
        let start = prefix.utf8.count
        guard !needle.isEmpty, bytes.count >= start + needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle {
                return String(decoding: bytes[..<(index + needle.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// A string that sorts after every key starting with `prefix` that a client can send.
    static func after(prefix: String) -> String { prefix + "\u{10FFFF}\u{10FFFF}" }
}
