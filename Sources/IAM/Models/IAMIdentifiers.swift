import Foundation

/// Identifiers in AWS's shapes: unique ids (`AIDA…` users, `AROA…` roles, `ANPA…` policies,
/// `AIPA…` instance profiles), access keys (`AKIA…` long-term, `ASIA…` temporary), secrets
/// and session tokens.
enum IAMIdentifiers {
    private static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    private static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    static func uniqueID(prefix: String) -> String { prefix + random(17, from: base32) }
    static func userID() -> String { uniqueID(prefix: "AIDA") }
    static func roleID() -> String { uniqueID(prefix: "AROA") }
    static func policyID() -> String { uniqueID(prefix: "ANPA") }
    static func instanceProfileID() -> String { uniqueID(prefix: "AIPA") }
    static func accessKeyID() -> String { "AKIA" + random(16, from: base32) }
    static func sessionAccessKeyID() -> String { "ASIA" + random(16, from: base32) }
    static func secretAccessKey() -> String { random(40, from: secretAlphabet) }

    /// Opaque, long, base64 like the real ones (their content is not a contract).
    static func sessionToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<240).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "IQoJb3JpZ2luX2Vj" + Data(bytes).base64EncodedString()
    }

    /// `i-` and 17 hex digits.
    static func instanceID() -> String {
        "i-" + random(17, from: Array("0123456789abcdef"))
    }
}
