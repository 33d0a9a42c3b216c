/// A repository glob from the admin API: `*` matches any run of characters (slashes included),
/// so `johndoe/*` covers every repository under johndoe and `*` covers all.
public struct RepositoryPattern: Sendable, Hashable, Codable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public func matches(_ name: String) -> Bool {
        let pattern = Array(text.utf8), subject = Array(name.utf8)
        // Iterative glob with backtracking to the last star: linear for practical patterns.
        var p = 0, s = 0, star = -1, mark = 0
        while s < subject.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = s
                p += 1
            } else if p < pattern.count, pattern[p] == subject[s] {
                p += 1
                s += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                s = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

extension Array where Element == RepositoryPattern {
    func matches(_ name: String) -> Bool {
        contains { $0.matches(name) }
    }
}
