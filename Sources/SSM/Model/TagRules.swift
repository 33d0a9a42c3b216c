import Foundation

/// Tag constraints of the model: keys 1–128 and values 0–256 characters of letters, spaces,
/// digits and `_.:/=+-@`.
enum TagRules {
    static let pattern = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"

    static func check(_ tags: [Tag], into violations: inout ConstraintViolations, member: String = "tags") {
        for (index, tag) in tags.enumerated() {
            let path = "\(member).\(index + 1).member"
            violations.checkLength(tag.Key, "\(path).key", min: 1, max: 128)
            violations.checkPattern(tag.Key, "\(path).key", pattern, matches: matchesPattern)
            violations.checkLength(tag.Value, "\(path).value", max: 256)
            violations.checkPattern(tag.Value, "\(path).value", pattern, matches: matchesPattern)
        }
    }

    static func matchesPattern(_ text: String) -> Bool {
        Regex.matches(pattern, text)
    }
}

/// Regular expressions of the model's `pattern` constraints (ICU syntax, close to Java's).
enum Regex {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
