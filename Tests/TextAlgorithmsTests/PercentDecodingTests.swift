import Testing

@testable import TextAlgorithms

@Suite("Percent-decoding")
struct PercentDecodingTests {
    @Test("escapes of either case decode; other bytes pass through")
    func escapes() {
        #expect(PercentDecoding.decode("a%2Fb%2fc") == Array("a/b/c".utf8))
        #expect(PercentDecoding.decode("sha256%3Aabc") == Array("sha256:abc".utf8))
        #expect(PercentDecoding.decode("caf%C3%A9") == Array("café".utf8))
        #expect(PercentDecoding.decode("plain") == Array("plain".utf8))
        #expect(PercentDecoding.decode("") == [])
        #expect(PercentDecoding.decode("%00") == [0])
    }

    @Test(
        "leniently, a malformed escape stays as it is",
        arguments: [
            ("%", "%"), ("a%", "a%"), ("%4", "%4"), ("%ZZ", "%ZZ"), ("%G1", "%G1"), ("%1G", "%1G"),
            ("%%41", "%A"), ("100%", "100%"), ("%2", "%2"),
        ])
    func lenient(_ input: String, _ expected: String) {
        #expect(PercentDecoding.decode(input) == Array(expected.utf8))
    }

    @Test("strictly, a malformed escape refuses the text", arguments: ["%", "a%", "%4", "%ZZ", "%G1", "%1G", "%%41"])
    func strict(_ input: String) {
        #expect(PercentDecoding.decodeStrictly(input) == nil)
    }

    @Test("strictly, well-formed text decodes as leniently")
    func strictValid() {
        #expect(PercentDecoding.decodeStrictly("a%2Fb") == Array("a/b".utf8))
        #expect(PercentDecoding.decodeStrictly("no escapes") == Array("no escapes".utf8))
    }

    @Test("+ is a space only when asked, and an escaped + stays a +")
    func plus() {
        #expect(PercentDecoding.decode("a+b%2B", plusAsSpace: true) == Array("a b+".utf8))
        #expect(PercentDecoding.decode("a+b") == Array("a+b".utf8))
        #expect(PercentDecoding.decodeStrictly("a+b") == Array("a+b".utf8))
    }

    @Test("results that are not UTF-8 are bytes for the caller to judge")
    func notUTF8() {
        let bytes = PercentDecoding.decode("%FF%FE")
        #expect(bytes == [0xFF, 0xFE])
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(PercentDecoding.decodeStrictly("%C3") == [0xC3])
    }

    @Test("substrings decode from their own start")
    func substring() {
        let text = "x/a%20b"
        #expect(PercentDecoding.decode(text.dropFirst(2)) == Array("a b".utf8))
    }
}
