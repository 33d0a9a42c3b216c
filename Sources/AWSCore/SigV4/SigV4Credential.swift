/// The `Credential=` value of a SigV4 signature: `AKID/20250101/us-east-1/s3/aws4_request`.
public struct SigV4Credential: Sendable, Equatable {
    public var accessKeyID: String
    public var date: String
    public var region: String
    public var service: String
    public var terminator: String

    /// The credential scope, the part after the access key.
    public var scope: String { "\(date)/\(region)/\(service)/\(terminator)" }

    public static func parse(_ text: String) -> SigV4Credential? {
        // An access key never contains '/', so the last four parts are the scope.
        let parts = ASCII.split(text[...], on: UInt8(ascii: "/"), omittingEmpty: false).map(String.init)
        guard parts.count == 5, !parts[0].isEmpty, isEightDigits(parts[1]),
            !parts[2].isEmpty, !parts[3].isEmpty
        else { return nil }
        return SigV4Credential(
            accessKeyID: parts[0], date: parts[1], region: parts[2], service: parts[3], terminator: parts[4])
    }

    /// Eight digits; the ASCII check is the fast path of the Character-wise one.
    static func isEightDigits(_ text: String) -> Bool {
        if text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
        return text.count == 8 && text.allSatisfy(\.isNumber)
    }
}
