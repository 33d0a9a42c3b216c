/// A scope as clients ask for it: `repository:johndoe/app:pull,push`, `registry:catalog:*`.
public struct TokenScope: Sendable, Equatable {
    public var type: String
    public var name: String
    public var actions: [String]

    public init(type: String, name: String, actions: [String]) {
        self.type = type
        self.name = name
        self.actions = actions
    }

    /// Parses one scope; the name is whatever lies between the first and the last colon, and a
    /// resource class (`repository(plugin)`) is dropped.
    public init?(_ text: String) {
        guard let first = text.firstIndex(of: ":"), let last = text.lastIndex(of: ":"), first < last else { return nil }
        var type = String(text[..<first])
        if let paren = type.firstIndex(of: "(") { type = String(type[..<paren]) }
        let name = String(text[text.index(after: first)..<last])
        let actions = text[text.index(after: last)...].split(separator: ",").map(String.init)
        guard !type.isEmpty, !name.isEmpty else { return nil }
        self.init(type: type, name: name, actions: actions)
    }

    public var text: String { "\(type):\(name):\(actions.joined(separator: ","))" }

    /// The scope a request needs, as a challenge names it (none for the ping). One scope only:
    /// containers/image cannot parse a challenge listing several.
    static func required(for action: RegistryAction) -> TokenScope? {
        switch action {
        case .ping: nil
        case .catalog: TokenScope(type: "registry", name: "catalog", actions: ["*"])
        default: TokenScope(type: "repository", name: action.repository ?? "", actions: action.scopeActions)
        }
    }
}
