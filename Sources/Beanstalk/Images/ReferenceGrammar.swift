import Foundation

/// The reference grammar of `github.com/distribution/reference` (regexp.go), built the same way
/// from the same parts so the two can be compared line by line. Go's `\w` is ASCII-only, so
/// it is spelled out.
enum ReferenceGrammar {
    static let alphanumeric = "[a-z0-9]+"
    static let separator = "(?:[._]|__|[-]+)"
    static let domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
    static let optionalPort = "(?::[0-9]+)?"
    static let tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
    static let digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
    static let ipv6address = "\\[(?:[a-fA-F0-9:]+)\\]"
    static let domainName = domainNameComponent + "(?:\\." + domainNameComponent + ")*"
    static let host = "(?:" + domainName + "|" + ipv6address + ")"
    static let domainAndPort = host + optionalPort
    static let pathComponent = alphanumeric + "(?:" + separator + alphanumeric + ")*"
    static let remoteName = pathComponent + "(?:/" + pathComponent + ")*"
    static let namePattern = "(?:" + domainAndPort + "/)?" + remoteName

    static let reference = compile(
        "^(" + namePattern + ")(?::(" + tag + "))?(?:@(" + digest + "))?$")
    static let anchoredName = compile("^(?:(" + domainAndPort + ")/)?(" + remoteName + ")$")
    static let identifier = compile("^[a-f0-9]{64}$")

    private static func compile(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants; a failure here is a programming error caught by any test.
        try! NSRegularExpression(pattern: pattern)
    }

    /// Capture groups of a whole-string match, `nil` for groups that did not take part.
    static func match(_ regex: NSRegularExpression, _ text: String) -> [String?]? {
        let range = NSRange(text.startIndex..., in: text)
        guard let result = regex.firstMatch(in: text, options: [], range: range) else { return nil }
        return (0..<result.numberOfRanges).map { index in
            let range = result.range(at: index)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
            return String(text[swiftRange])
        }
    }
}
