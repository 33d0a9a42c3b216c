import AWSCore
import Testing

@Suite("Constant-time comparison of secrets")
struct ConstantTimeTests {
    static let signature = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"

    @Test("equal secrets match and any one changed byte, first, middle or last, does not")
    func oneByteDifferences() {
        #expect(constantTimeEquals(Self.signature, Self.signature))
        let bytes = Array(Self.signature.utf8)
        for index in [0, bytes.count / 2, bytes.count - 1] {
            var changed = bytes
            changed[index] ^= 0x01
            #expect(!constantTimeEquals(bytes, changed))
            #expect(!constantTimeEquals(Self.signature, String(decoding: changed, as: UTF8.self)))
        }
    }

    @Test("a prefix, an extension or an empty value never matches")
    func lengths() {
        #expect(!constantTimeEquals(Self.signature, String(Self.signature.dropLast())))
        #expect(!constantTimeEquals(Self.signature, Self.signature + "0"))
        #expect(!constantTimeEquals(Self.signature, ""))
        #expect(constantTimeEquals("", ""))
        #expect(constantTimeEquals([UInt8](), []))
    }
}
