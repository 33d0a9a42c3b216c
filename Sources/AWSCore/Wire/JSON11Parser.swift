/// A parsed JSON value. Numbers stay as their text's byte range, converted when the shape asks.
enum JSON11Value {
    case null
    case bool(Bool)
    case number(start: Int, end: Int)
    case string(String)
    case array([JSON11Value])
    case object([JSON11Member])

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

struct JSON11Member {
    let key: String
    let value: JSON11Value
}

/// A strict RFC 8259 parser for request bodies. It accepts a subset of what `JSONDecoder` accepts
/// and parses that subset the same way; on anything else (a BOM, invalid UTF-8, a lone surrogate,
/// nesting past `maximumDepth`, malformed text) it gives up, and the caller lets `JSONDecoder` read
/// the body and name the error.
struct JSON11Parser: ~Copyable {
    /// Deeper bodies are left to Foundation; this bounds the recursion here.
    static let maximumDepth = 128

    struct GaveUp: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(GaveUp) -> JSON11Value {
        var parser = JSON11Parser(bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw GaveUp() }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(GaveUp) -> JSON11Value {
        skipWhitespace()
        guard position < bytes.count else { throw GaveUp() }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw GaveUp() }
            return try object(depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw GaveUp() }
            return try array(depth: depth + 1)
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return try number()
        }
    }

    private mutating func literal(_ text: StaticString) throws(GaveUp) {
        let count = text.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw GaveUp() }
        for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] {
            throw GaveUp()
        }
        position += count
    }

    private mutating func object(depth: Int) throws(GaveUp) -> JSON11Value {
        position += 1  // {
        var members: [JSON11Member] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw GaveUp() }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw GaveUp() }
            position += 1
            members.append(JSON11Member(key: key, value: try value(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else { throw GaveUp() }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw GaveUp()
            }
        }
    }

    private mutating func array(depth: Int) throws(GaveUp) -> JSON11Value {
        position += 1  // [
        var items: [JSON11Value] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw GaveUp() }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw GaveUp()
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(GaveUp) -> JSON11Value {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw GaveUp() }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try digits() > 0 else { throw GaveUp() }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard try digits() > 0 else { throw GaveUp() }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard try digits() > 0 else { throw GaveUp() }
        }
        return .number(start: start, end: position)
    }

    private mutating func digits() throws(GaveUp) -> Int {
        let start = position
        while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
        return position - start
    }

    private mutating func string() throws(GaveUp) -> String {
        position += 1  // opening quote
        let start = position
        var ascii = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try Self.makeString(text, ascii: ascii)
            }
            if byte == UInt8(ascii: "\\") {
                return try escapedString(from: start)
            }
            guard byte >= 0x20 else { throw GaveUp() }
            if byte >= 0x80 { ascii = false }
            position += 1
        }
        throw GaveUp()
    }

    private static func makeString(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(GaveUp) -> String {
        if ascii { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw GaveUp() }
        return text
    }

    /// The slow path for a string with escapes; `position` is at its first backslash.
    private mutating func escapedString(from start: Int) throws(GaveUp) -> String {
        var utf8 = Array(bytes[start..<position])
        var ascii = !utf8.contains { $0 >= 0x80 }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try utf8.withUnsafeBufferPointer { buffer throws(GaveUp) in
                    try Self.makeString(buffer, ascii: ascii)
                }
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw GaveUp() }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one; lone ones are Foundation's call.
                        guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw GaveUp() }
                        position += 2
                        let low = try hex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw GaveUp() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        throw GaveUp()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw GaveUp() }
                    if scalar >= 0x80 { ascii = false }
                    utf8.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    throw GaveUp()
                }
            default:
                guard byte >= 0x20 else { throw GaveUp() }
                if byte >= 0x80 { ascii = false }
                utf8.append(byte)
            }
        }
        throw GaveUp()
    }

    private mutating func hex4() throws(GaveUp) -> UInt32 {
        guard bytes.count - position >= 4 else { throw GaveUp() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(of: bytes[position]) else { throw GaveUp() }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
