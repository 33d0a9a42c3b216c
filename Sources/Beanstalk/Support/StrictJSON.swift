import Foundation
import TextAlgorithms

/// RFC 8259 syntax check. Foundation's parsers accept trailing commas; the parsers Beanstalk,
/// docker and the ECS agent use (Python, Java, Go) do not, and a customer's file must fail
/// here exactly when it fails there. Messages are Go's `encoding/json` texts.
enum StrictJSON {
    struct Failure: Error, Equatable {
        let message: String
        let offset: Int
    }

    static func validate(_ bytes: [UInt8]) -> Failure? {
        var parser = Parser(bytes: bytes)
        do throws(Failure) {
            parser.skipSpace()
            try parser.value()
            parser.skipSpace()
            if parser.index < bytes.count {
                throw parser.failure("after top-level value")
            }
            return nil
        } catch {
            return error
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func failure(_ context: String) -> Failure {
            guard index < bytes.count else { return Failure(message: "unexpected end of JSON input", offset: index) }
            let byte = bytes[index]
            let shown = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "\\x%02x", byte)
            return Failure(message: "invalid character '\(shown)' \(context)", offset: index)
        }

        mutating func value() throws(Failure) {
            guard index < bytes.count else { throw failure("looking for beginning of value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw failure("looking for beginning of value")
            }
        }

        mutating func object() throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw failure("looking for beginning of object key string")
                }
                try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("after object key") }
                index += 1
                skipSpace()
                try value()
                skipSpace()
                guard index < bytes.count else { throw failure("") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipSpace()
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw failure("after object key:value pair") }
                index += 1
                return
            }
        }

        mutating func array() throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try value()
                skipSpace()
                guard index < bytes.count else { throw failure("") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    skipSpace()
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw failure("after array element") }
                index += 1
                return
            }
        }

        mutating func string() throws(Failure) {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return
                }
                if byte < 0x20 { throw failure("in string literal") }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { throw failure("") }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        break
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            index += 1
                            guard index < bytes.count, isHex(bytes[index]) else {
                                throw failure("in \\u hexadecimal character escape")
                            }
                        }
                    default:
                        throw failure("in string escape code")
                    }
                }
                index += 1
            }
            throw failure("")
        }

        mutating func number() throws(Failure) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("in numeric literal") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else {
                    throw failure("after decimal point in numeric literal")
                }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else {
                    throw failure("in exponent of numeric literal")
                }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard index < bytes.count, bytes[index] == expected else {
                    throw failure("in literal \(word) (expecting '\(Character(UnicodeScalar(expected)))')")
                }
                index += 1
            }
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        private func isHex(_ byte: UInt8) -> Bool { Hex.value(of: byte) != nil }
    }
}
