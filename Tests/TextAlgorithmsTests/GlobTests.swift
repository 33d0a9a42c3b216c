import Testing

@testable import TextAlgorithms

@Suite("Glob matching")
struct GlobTests {
    @Test("* matches any run, the empty one included; the whole text must match")
    func star() {
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("*", "anything/at all"))
        #expect(Glob.matches("johndoe/*", "johndoe/app"))
        #expect(Glob.matches("johndoe/*", "johndoe/"))
        #expect(!Glob.matches("johndoe/*", "johndoe"))
        #expect(Glob.matches("a*b*c", "axxbyyc"))
        #expect(!Glob.matches("a*b*c", "axxbyy"))
        #expect(Glob.matches("v*-prod", "v1.2-prod"))
        #expect(!Glob.matches("v*-prod", "v1.2-prod-old"))
        #expect(Glob.matches("**", "x"))
        #expect(!Glob.matches("", "x"))
        #expect(Glob.matches("", ""))
    }

    @Test("without a ? element, ? is an ordinary character")
    func questionIsLiteralByDefault() {
        #expect(Glob.matches("a?c", "a?c"))
        #expect(!Glob.matches("a?c", "abc"))
    }

    @Test("with ? given, it is exactly one element")
    func question() {
        func matches(_ pattern: String, _ text: String) -> Bool {
            let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
            return Glob.matches(p[...], t[...], star: "*", question: "?", equal: ==)
        }
        #expect(matches("a?c", "abc"))
        #expect(!matches("a?c", "ac"))
        #expect(!matches("?", ""))
        #expect(matches("caf?", "café"))
        #expect(!matches("caf??", "café"))
        #expect(matches("*?", "x"))
        #expect(!matches("*??", "x"))
    }

    @Test("a * in the text is still matched by the pattern's *")
    func literalStarInText() {
        #expect(Glob.matches("*a", "*ba"))
        #expect(Glob.matches("key/*secret", "key/*x-secret"))
        #expect(Glob.matches("*", "*"))
    }

    @Test("the comparison is the caller's: case folding")
    func caseFolding() {
        let p = Array("ECR:get*".utf8), t = Array("ecr:GetAuthorizationToken".utf8)
        let folded = { (byte: UInt8) in byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
        #expect(Glob.matches(p[...], t[...], star: UInt8(ascii: "*"), question: nil) { folded($0) == folded($1) })
        #expect(!Glob.matches(p[...], t[...], star: UInt8(ascii: "*"), question: nil, equal: ==))
    }

    @Test("backtracking worst cases end, with the right answer")
    func worstCases() {
        let text = String(repeating: "a", count: 1_000)
        let failing = String(repeating: "a*", count: 50) + "b"
        #expect(!Glob.matches(failing, text))
        #expect(Glob.matches(String(repeating: "a*", count: 50), text))
        #expect(Glob.matches("*" + String(repeating: "a", count: 100), text))
        #expect(!Glob.matches("*" + String(repeating: "a", count: 100) + "b", text))
        #expect(Glob.matches(String(repeating: "*", count: 1_000), text))
    }

    @Test("slices are matched from their own start")
    func slices() {
        let p = Array("xxa*".utf8), t = Array("yyabc".utf8)
        #expect(Glob.matches(p[2...], t[2...], star: UInt8(ascii: "*"), question: nil, equal: ==))
    }
}
