import Testing

@testable import TextAlgorithms

@Suite("Hex digits")
struct HexTests {
    @Test("every byte: digits of both cases have their value, nothing else has one")
    func values() {
        let digits = Array("0123456789abcdef".utf8), upper = Array("ABCDEF".utf8)
        for byte in UInt8.min...UInt8.max {
            if let index = digits.firstIndex(of: byte) {
                #expect(Hex.value(of: byte) == UInt8(index))
            } else if let index = upper.firstIndex(of: byte) {
                #expect(Hex.value(of: byte) == UInt8(10 + index))
            } else {
                #expect(Hex.value(of: byte) == nil, "byte \(byte)")
            }
        }
    }

    @Test("invalid digits around the ranges", arguments: ["g", "G", "/", ":", "@", "`", " ", "x"])
    func invalid(_ text: String) {
        #expect(Hex.value(of: text.utf8.first!) == nil)
    }

    @Test("encoding is lower case, two digits a byte, for contiguous and other sequences")
    func encode() {
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode((0..<4).map { UInt8($0 * 0x41) }.lazy.map { $0 }) == "004182c3")
        #expect(Hex.encode(CollectionOfOne(0x7e)) == "7e")
        let raw: [UInt8] = [0xde, 0xad, 0xbe, 0xef]
        #expect(raw.withUnsafeBytes { Hex.encode(raw: $0) } == "deadbeef")
    }

    @Test("digits round-trip through value(of:)")
    func roundTrip() {
        for nibble in UInt8(0)..<16 {
            #expect(Hex.value(of: Hex.digit(nibble)) == nibble)
        }
    }

    @Test("upper-case digits are the lower-case ones in upper case, and round-trip")
    func upperDigits() {
        let digits = (UInt8(0)..<16).map { Hex.upperDigit($0) }
        #expect(String(decoding: digits, as: UTF8.self) == "0123456789ABCDEF")
        for nibble in UInt8(0)..<16 {
            #expect(Hex.value(of: Hex.upperDigit(nibble)) == nibble)
        }
    }
}
