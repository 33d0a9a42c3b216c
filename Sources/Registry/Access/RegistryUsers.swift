/// A user of an emulated registry: a bcrypt hash and the repositories it may pull and push.
public struct RegistryUser: Sendable, Equatable {
    public var name: String
    public var passwordHash: String
    public var pull: [RepositoryPattern]
    public var push: [RepositoryPattern]

    public init(
        name: String, passwordHash: String, pull: [RepositoryPattern] = [RepositoryPattern("*")],
        push: [RepositoryPattern] = [RepositoryPattern("*")]
    ) {
        self.name = name
        self.passwordHash = passwordHash
        self.pull = pull
        self.push = push
    }
}

/// Who may do what in one emulated registry. Shared by the Basic and the Bearer access controls
/// and by the token endpoint, so a token grants exactly what a Basic request would be allowed.
public struct RegistryPermissions: Sendable {
    public var users: [String: RegistryUser]
    /// Repositories anyone may pull without credentials (public images).
    public var anonymousPull: [RepositoryPattern]

    public init(users: [RegistryUser], anonymousPull: [RepositoryPattern] = []) {
        self.users = Dictionary(users.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.anonymousPull = anonymousPull
    }

    /// The user whose password matches, or nil.
    public func authenticate(_ credentials: BasicCredentials) -> RegistryUser? {
        guard let user = users[credentials.user], Htpasswd.verify(credentials.password, hash: user.passwordHash) else {
            return nil
        }
        return user
    }

    /// Token-scope actions (`pull`, `push`, `delete`) `user` (nil: anonymous) has on a repository.
    public func actions(of user: RegistryUser?, on repository: String) -> Set<String> {
        guard let user else { return anonymousPull.matches(repository) ? ["pull"] : [] }
        var actions: Set<String> = []
        if user.pull.matches(repository) || anonymousPull.matches(repository) { actions.insert("pull") }
        if user.push.matches(repository) { actions.formUnion(["push", "delete"]) }
        return actions
    }

    /// Whether `user` may perform `action`.
    public func permits(_ user: RegistryUser?, _ action: RegistryAction) -> Bool {
        switch action {
        case .ping: return true
        case .catalog: return user != nil
        case .pull(let repository, _): return actions(of: user, on: repository).contains("pull")
        case .push(let repository, _): return actions(of: user, on: repository).isSuperset(of: ["pull", "push"])
        case .delete(let repository, _): return actions(of: user, on: repository).contains("delete")
        }
    }
}

extension RegistryAction {
    /// What registry:2 lists in an UNAUTHORIZED error's detail for this action.
    var accessRecords: [RegistryAccessRecord] {
        switch self {
        case .ping: []
        case .catalog: [RegistryAccessRecord(type: "registry", name: "catalog", action: "*")]
        default:
            scopeActions.map { RegistryAccessRecord(name: repository ?? "", action: $0) }
        }
    }
}
