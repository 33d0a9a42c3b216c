import Testing

@testable import IAM

/// A `*` in the pattern is a wildcard even where the text holds a `*` too (an object key may):
/// matching it as a literal first would let a Deny on `b/*secret` miss the key `*x-secret`.
@Suite("Wildcards against texts that contain *")
struct WildcardLiteralStarTests {
    @Test("the pattern's * still spans a * in the text")
    func literalStar() {
        #expect(Wildcard.matches("*a", "*ba"))
        #expect(Wildcard.matches("*A", "*bA", caseInsensitive: true))
        #expect(Wildcard.matchesARN("arn:aws:s3:::b/*secret", "arn:aws:s3:::b/*x-secret"))
        #expect(!Wildcard.matchesARN("arn:aws:s3:::b/*secret", "arn:aws:s3:::b/*x-public"))
        #expect(Wildcard.matches("caf*é", "caf*xé"))
    }
}
