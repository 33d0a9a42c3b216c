import TextAlgorithms

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
        Glob.matches(text, name)
    }
}

extension Array where Element == RepositoryPattern {
    func matches(_ name: String) -> Bool {
        contains { $0.matches(name) }
    }
}
