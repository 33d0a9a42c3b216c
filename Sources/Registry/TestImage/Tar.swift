/// A minimal ustar writer: regular files and directories, owned by root, fixed mtime, so the
/// same entries always give the same bytes (and the same layer digest).
public enum Tar {
    public struct Entry: Sendable {
        public var name: String
        public var contents: [UInt8]
        public var isDirectory: Bool
        public var mode: Int

        public static func file(_ name: String, _ contents: [UInt8], mode: Int = 0o644) -> Entry {
            Entry(name: name, contents: contents, isDirectory: false, mode: mode)
        }

        public static func directory(_ name: String) -> Entry {
            Entry(name: name.hasSuffix("/") ? name : name + "/", contents: [], isDirectory: true, mode: 0o755)
        }
    }

    /// 2026-01-01T00:00:00Z: a fixed time keeps archives reproducible.
    public static let modificationTime = 1_767_225_600

    public static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            out += header(entry)
            out += entry.contents
            out += [UInt8](repeating: 0, count: (512 - entry.contents.count % 512) % 512)
        }
        out += [UInt8](repeating: 0, count: 1024)
        return out
    }

    static func header(_ entry: Entry) -> [UInt8] {
        precondition(entry.name.utf8.count <= 100, "tar names longer than 100 bytes need the prefix field")
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: width - 1 - digits.count) + digits
        }
        put(entry.name, at: 0)
        put(octal(entry.mode, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(entry.contents.count, width: 12), at: 124)
        put(octal(modificationTime, width: 12), at: 136)
        put("        ", at: 148)
        put(entry.isDirectory ? "5" : "0", at: 156)
        put("ustar\u{0}00", at: 257)
        put("root", at: 265)
        put("root", at: 297)
        put(octal(0, width: 8), at: 329)
        put(octal(0, width: 8), at: 337)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7), at: 148)  // six digits, a NUL and a space, as tar writes it
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }
}
