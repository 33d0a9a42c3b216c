/// A query string or form body as name/value pairs, decoded, in order.
public struct QueryItems: Sendable, Equatable {
    public var items: [(name: String, value: String)]
    /// Names that appeared without `=`, e.g. `?uploads`; they still count as present.
    public init(_ items: [(name: String, value: String)] = []) {
        self.items = items
    }

    /// Parses `a=1&b&c=%2F`; `form` treats `+` as a space (application/x-www-form-urlencoded).
    public init(parsing raw: some StringProtocol, form: Bool = false) {
        items = raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (
                    URIEncoding.decode(pair[..<equals], plusAsSpace: form),
                    URIEncoding.decode(pair[pair.index(after: equals)...], plusAsSpace: form)
                )
            }
            return (URIEncoding.decode(pair, plusAsSpace: form), "")
        }
    }

    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    public func contains(_ name: String) -> Bool {
        items.contains { $0.name == name }
    }

    public static func == (lhs: QueryItems, rhs: QueryItems) -> Bool {
        lhs.items.map(\.name) == rhs.items.map(\.name) && lhs.items.map(\.value) == rhs.items.map(\.value)
    }
}
