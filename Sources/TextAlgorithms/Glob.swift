/// `*` (any run of elements, including none) and `?` (exactly one element) patterns, matched over
/// the whole text: IAM's action and resource patterns, ECR's tag filters, registry repository globs.
///
/// The matcher backtracks only to the last `*` seen, so it needs no recursion and no memory, and
/// takes at most pattern × text steps (`a*a*a*…b` against `aaaa…`), linear for practical patterns.
public enum Glob {
    /// Whether `text` matches `pattern`, where only `*` is special, compared byte by byte in UTF-8.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        return matches(pattern[...], text[...], star: UInt8(ascii: "*"), question: nil, equal: ==)
    }

    /// The matcher over any elements (UTF-8 bytes, Unicode scalars): `question` nil when `?` is not
    /// special; `equal` compares a pattern element with a text element (case folding is the caller's).
    /// Inlinable so that each caller gets it specialised: IAM runs it for every statement of every
    /// authorized request.
    @inlinable @inline(__always)
    public static func matches<C: RandomAccessCollection>(
        _ pattern: C, _ text: C, star: C.Element, question: C.Element?, equal: (C.Element, C.Element) -> Bool
    ) -> Bool where C.Index == Int, C.Element: Equatable {
        var pi = pattern.startIndex
        var ti = text.startIndex
        // Where the last `*` is in the pattern, and where the text it stands for currently ends.
        var starP = -1
        var starT = 0
        while ti < text.endIndex {
            if pi < pattern.endIndex, pattern[pi] == star {
                starP = pi
                starT = ti
                pi += 1
            } else if pi < pattern.endIndex, pattern[pi] == question || equal(pattern[pi], text[ti]) {
                pi += 1
                ti += 1
            } else if starP >= 0 {
                // The last `*` takes one more element, and matching resumes after it.
                pi = starP + 1
                starT += 1
                ti = starT
            } else {
                return false
            }
        }
        while pi < pattern.endIndex, pattern[pi] == star { pi += 1 }
        return pi == pattern.endIndex
    }
}
