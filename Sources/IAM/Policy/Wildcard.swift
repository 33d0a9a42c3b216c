/// IAM's `*` (any run of characters, including none) and `?` (exactly one character) patterns.
enum Wildcard {
    /// Whether `text` matches `pattern`; `caseInsensitive` for action names.
    static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = false) -> Bool {
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let t = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
        // Iterative matcher with backtracking to the last `*`: linear in practice, no recursion.
        var pi = 0
        var ti = 0
        var starP = -1
        var starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                starP = pi
                starT = ti
                pi += 1
            } else if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// ARN patterns match segment by segment (`arn:partition:service:region:account:resource`),
    /// so a wildcard in the account cannot swallow the resource part; the last segment of the
    /// pattern takes whatever remains. Anything that is not an ARN is matched as a whole.
    static func matchesARN(_ pattern: String, _ arn: String) -> Bool {
        if pattern == "*" { return true }
        guard pattern.hasPrefix("arn:"), arn.hasPrefix("arn:") else { return matches(pattern, arn) }
        let patternParts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let arnParts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard arnParts.count == 6 else { return matches(pattern, arn) }
        for (index, part) in patternParts.enumerated() {
            let isLast = index == patternParts.count - 1
            let target = isLast ? arnParts[index...].joined(separator: ":") : String(arnParts[index])
            if !matches(String(part), target) { return false }
        }
        return true
    }
}
