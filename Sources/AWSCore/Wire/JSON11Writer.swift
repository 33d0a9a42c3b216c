#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serialises encoded nodes the way Foundation's JSONWriter does without pretty printing: members
/// sorted by the bytes of their UTF-8 keys, "/" left alone, control characters escaped, everything
/// else (U+2028 included) written as is.
struct JSON11Writer {
    /// Foundation refuses containers nested this deep; `write` leaves them to it.
    static let maximumDepth = 500

    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    /// False when Foundation must decide: too deep, or keys Foundation would merge.
    mutating func write(_ node: JSON11Node, depth: Int) -> Bool {
        switch node {
        case .null:
            append("null")
        case .bool(let value):
            append(value ? "true" : "false")
        case .signed(let value):
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            writeDigits(value.magnitude)
        case .unsigned(let value):
            writeDigits(value)
        case .number(let text):
            bytes.append(contentsOf: text.utf8)
        case .string(let text):
            writeString(text)
        case .array(let box):
            guard depth < Self.maximumDepth else { return false }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(item, depth: depth + 1) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            let members = box.members
            guard depth < Self.maximumDepth, let order = Self.sortedOrder(members) else { return false }
            bytes.append(UInt8(ascii: "{"))
            var nonASCIIKeys = false
            for (position, sortKey) in order.enumerated() {
                let index = sortKey.index
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                if !writeString(members[index].key) { nonASCIIKeys = true }
                bytes.append(UInt8(ascii: ":"))
                guard write(members[index].value, depth: depth + 1) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
            // Foundation keys a Swift dictionary, which merges canonically equivalent spellings.
            if nonASCIIKeys, Set(members.lazy.map(\.key)).count != members.count { return false }
        }
        return true
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Foundation's escapes: the two-character forms for quote, backslash, \b \f \n \r \t, and
    /// \u00xx in lowercase hex for the other control characters. Returns whether it was all ASCII.
    @discardableResult
    mutating func writeString(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var seen: UInt64 = 0
            var mark = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time through the runs that need no escape.
                while index + 8 <= utf8.count {
                    let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    seen |= word
                    if Self.mayNeedEscape(word) { break }
                    index += 8
                }
                guard index < utf8.count else { break }
                let byte = utf8[index]
                seen |= UInt64(byte)
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    if index > mark {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                    }
                    writeEscape(byte)
                    mark = index + 1
                }
                index += 1
            }
            if utf8.count > mark {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
            }
            bytes.append(UInt8(ascii: "\""))
            return seen & 0x8080_8080_8080_8080 == 0
        }
    }

    /// Whether any of the eight bytes is a control character, a quote or a backslash (the classic
    /// "has a byte less than n" and "has a zero byte" word tricks; exact for the word as a whole).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ word: UInt64, _ limit: UInt64) -> Bool { (word &- ones &* limit) & ~word & highs != 0 }
        return hasByteBelow(word, 0x20) || hasByteBelow(word ^ (ones &* 0x22), 1)
            || hasByteBelow(word ^ (ones &* 0x5C), 1)
    }

    private mutating func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Self.hex.utf8Start
            bytes.append(UInt8(ascii: "u"))
            bytes.append(0x30)
            bytes.append(0x30)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }

    /// Member indices in Foundation's order (by the bytes of the UTF-8 keys), or nil when a key was
    /// written twice (Foundation keeps the last value, or traps for containers).
    static func sortedOrder(_ members: [(key: String, value: JSON11Node)]) -> [SortKey]? {
        var keys: [SortKey] = []
        keys.reserveCapacity(members.count)
        if members.count < 16 {
            // Insertion sort: objects here are small. Every pair that ends up adjacent is compared
            // on the way, so an equal comparison is exactly a repeated key.
            for index in members.indices {
                let key = SortKey(members[index].key, index: index)
                var slot = keys.count
                keys.append(key)
                while slot > 0 {
                    let order = compare(key, keys[slot - 1], members)
                    if order == 0 { return nil }
                    if order > 0 { break }
                    keys[slot] = keys[slot - 1]
                    slot -= 1
                }
                keys[slot] = key
            }
        } else {
            for index in members.indices { keys.append(SortKey(members[index].key, index: index)) }
            keys.sort { compare($0, $1, members) < 0 }
            for slot in keys.indices.dropFirst() where compare(keys[slot - 1], keys[slot], members) == 0 {
                return nil
            }
        }
        return keys
    }

    /// A key's first eight UTF-8 bytes, big-endian and zero-padded, which order most keys alone.
    struct SortKey {
        let prefix: UInt64
        let count: Int
        let index: Int

        init(_ key: String, index: Int) {
            var key = key
            (prefix, count) = key.withUTF8 { utf8 in
                var prefix: UInt64 = 0
                for offset in 0..<min(8, utf8.count) {
                    prefix |= UInt64(utf8[offset]) << (56 - 8 * offset)
                }
                return (prefix, utf8.count)
            }
            self.index = index
        }
    }

    /// Three-way comparison of the UTF-8 bytes, as `utf8.lexicographicallyPrecedes` orders them.
    static func compare(_ a: SortKey, _ b: SortKey, _ members: [(key: String, value: JSON11Node)]) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        if a.count <= 8, b.count <= 8 {
            // Equal padded prefixes: the shorter key is a prefix of the longer one.
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
        var left = members[a.index].key
        var right = members[b.index].key
        return left.withUTF8 { left in
            right.withUTF8 { right in
                // The first eight bytes are equal (a shorter key's padding included).
                let common = min(left.count, right.count)
                if common > 8 {
                    let order = memcmp(left.baseAddress! + 8, right.baseAddress! + 8, common - 8)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
            }
        }
    }
}
