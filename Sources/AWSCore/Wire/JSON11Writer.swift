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
            guard depth < Self.maximumDepth, let order = Self.sortedOrder(box.keys) else { return false }
            bytes.append(UInt8(ascii: "{"))
            var nonASCIIKeys = false
            for (position, index) in order.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                if !writeString(box.keys[index]) { nonASCIIKeys = true }
                bytes.append(UInt8(ascii: ":"))
                guard write(box.values[index], depth: depth + 1) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
            // Foundation keys a Swift dictionary, which merges canonically equivalent spellings.
            if nonASCIIKeys, Set(box.keys).count != box.keys.count { return false }
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
        bytes.append(UInt8(ascii: "\""))
        var text = text
        var ascii = true
        text.withUTF8 { utf8 in
            var mark = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x80 { ascii = false }
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if index > mark {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index]))
                }
                mark = index + 1
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
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if utf8.count > mark {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return ascii
    }

    /// Member indices in Foundation's order, or nil when a key was written twice (Foundation keeps
    /// the last value, or traps for containers).
    static func sortedOrder(_ keys: [String]) -> [Int]? {
        var order = Array(keys.indices)
        if keys.count < 16 {
            // Insertion sort: objects here are small and usually nearly sorted already.
            for i in order.indices.dropFirst() {
                let current = order[i]
                var j = i
                while j > 0, precedes(keys[current], keys[order[j - 1]]) {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = current
            }
        } else {
            order.sort { precedes(keys[$0], keys[$1]) }
        }
        for position in order.indices.dropFirst() where !precedes(keys[order[position - 1]], keys[order[position]]) {
            return nil
        }
        return order
    }

    /// Byte-wise comparison of UTF-8, as `a.utf8.lexicographicallyPrecedes(b.utf8)`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0 {
                    let order = memcmp(left.baseAddress!, right.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}
