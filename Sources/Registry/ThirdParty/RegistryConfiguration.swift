import Foundation

/// The JSON body of `POST /_ebauth/registries` (see `RegistryAdminResponder` for the whole API).
public struct RegistryConfiguration: Decodable, Sendable {
    public struct User: Decodable, Sendable {
        public var user: String?
        public var password: String?
        /// One htpasswd line (`user:$2y$…`) instead of `user` and `password`.
        public var htpasswd: String?
        public var pull: [String]?
        public var push: [String]?
    }

    public struct Image: Decodable, Sendable {
        public var repository: String
        public var tag: String?
        public var format: TestImage.Format?
        public var layers: Int?
        public var seed: String?
    }

    public var host: String
    public var aliases: [String]?
    public var `default`: Bool?
    public var auth: ThirdPartyRegistry.Auth?
    public var service: String?
    public var realm: String?
    public var tokenLifetime: Int?
    public var anonymousPull: [String]?
    public var users: [User]?
    /// A whole htpasswd file; its users may pull and push everything.
    public var htpasswd: String?
    public var repositories: [String]?
    public var images: [Image]?
}

/// A configuration the admin API refuses: 400 with the reason, or 409 for a taken name.
public struct RegistryAdminError: Error, Equatable {
    public var status: Int
    public var message: String

    public init(_ message: String, status: Int = 400) {
        self.status = status
        self.message = message
    }
}

extension RegistryConfiguration {
    /// Checks the configuration and turns it into a registry (hashing plain passwords).
    public func registry() throws -> ThirdPartyRegistry {
        let host = try Self.canonicalHost(host)
        let isDockerHub = host == ThirdPartyRegistry.dockerHubHost
        var aliasSet: [String] = []
        for alias in (aliases ?? []) + (isDockerHub ? ThirdPartyRegistry.dockerHubAliases : []) {
            let name = try Self.hostName(alias, field: "aliases")
            if name != host, !aliasSet.contains(name) { aliasSet.append(name) }
        }
        let lifetime = tokenLifetime ?? 300
        guard (1...86_400).contains(lifetime) else {
            throw RegistryAdminError("tokenLifetime must be 1 to 86400 seconds")
        }
        var users: [RegistryUser] = []
        func add(_ user: RegistryUser) throws {
            guard !users.contains(where: { $0.name == user.name }) else {
                throw RegistryAdminError("user \(user.name) is listed twice")
            }
            users.append(user)
        }
        for entry in self.users ?? [] {
            let pull = try Self.patterns(entry.pull ?? ["*"], field: "pull")
            let push = try Self.patterns(entry.push ?? ["*"], field: "push")
            if let line = entry.htpasswd {
                do {
                    for (name, hash) in try Htpasswd.parse(line) {
                        try add(RegistryUser(name: name, passwordHash: hash, pull: pull, push: push))
                    }
                } catch let error as HtpasswdError {
                    throw RegistryAdminError(error.description)
                }
            } else if let name = entry.user, !name.isEmpty, !name.contains(":"), let password = entry.password {
                try add(RegistryUser(name: name, passwordHash: try Htpasswd.hash(password), pull: pull, push: push))
            } else {
                throw RegistryAdminError("each user needs user and password, or an htpasswd line")
            }
        }
        if let htpasswd {
            do {
                for (name, hash) in try Htpasswd.parse(htpasswd) {
                    try add(RegistryUser(name: name, passwordHash: hash))
                }
            } catch let error as HtpasswdError {
                throw RegistryAdminError(error.description)
            }
        }
        return ThirdPartyRegistry(
            host: host, aliases: aliasSet, isDefault: self.default ?? false, auth: auth ?? .basic,
            service: service ?? (isDockerHub ? "registry.docker.io" : host),
            realm: realm ?? HtpasswdAccess.defaultRealm,
            anonymousPull: try Self.patterns(anonymousPull ?? [], field: "anonymousPull"), tokenLifetime: lifetime,
            users: users)
    }

    /// Docker Hub answers to several names; all of them mean `docker.io`.
    static func canonicalHost(_ text: String) throws -> String {
        let host = try hostName(text, field: "host")
        return ThirdPartyRegistry.dockerHubAliases.contains(host) ? ThirdPartyRegistry.dockerHubHost : host
    }

    /// A Host header value: `name`, `name:port`, `[v6]` or `[v6]:port`, lowercased.
    static func hostName(_ text: String, field: String) throws -> String {
        let host = text.lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:[]_")
        guard !host.isEmpty, host.count <= 255, host.allSatisfy({ allowed.contains($0) }), !host.hasPrefix("."),
            !host.hasPrefix("-")
        else { throw RegistryAdminError("\(field): '\(text.prefix(255))' is not a host name") }
        return host
    }

    static func patterns(_ texts: [String], field: String) throws -> [RepositoryPattern] {
        try texts.map { text in
            guard !text.isEmpty, text.count <= 256 else {
                throw RegistryAdminError("\(field): empty or overlong pattern")
            }
            return RepositoryPattern(text)
        }
    }
}
