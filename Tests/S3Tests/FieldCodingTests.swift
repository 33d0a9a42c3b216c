import Foundation
import Testing

@testable import S3

@Suite("Stored header and tag lists")
struct FieldCodingTests {
    @Test("names and values come back exactly, whatever characters they hold")
    func roundTrip() throws {
        let pairs = [
            ("content-type", "text/plain; charset=utf-8"), ("x-amz-meta-quote", #"say "hi" \ bye"#),
            ("x-amz-meta-control", "tab\there\nnewline\u{1}"), ("x-amz-meta-unicode", "héllo ✓ 🎉"), ("", ""),
        ]
        let text = FieldCoding.encode(pairs)
        let decoded = FieldCoding.decode(text)
        #expect(decoded.map(\.0) == pairs.map(\.0))
        #expect(decoded.map(\.1) == pairs.map(\.1))
        // What is stored is JSON any reader understands.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]])
        #expect(parsed.map { $0[1] } == pairs.map(\.1))
    }

    @Test("lists stored by earlier versions (JSONSerialization, escaped slashes, spaces) still read")
    func readsEarlierEncodings() {
        let decoded = FieldCoding.decode(#"[["content-type","text\/plain"], ["x-amz-meta-a","\u00e9"]]"#)
        #expect(decoded.map(\.0) == ["content-type", "x-amz-meta-a"])
        #expect(decoded.map(\.1) == ["text/plain", "é"])
        #expect(FieldCoding.decode("[]").isEmpty)
        #expect(FieldCoding.encode([(String, String)]()) == "[]")
    }
}
