import AWSCore
import Foundation
import Storage

/// The emulated registries' configuration and bearer tokens. Transactions are the registry's
/// (`content`), so removing a registry and its repositories is one commit.
public struct ThirdPartyStore: Sendable {
    /// The registries' repositories, manifests and blobs.
    public let content: RegistryStore

    /// Which registry a Host names is read on every registry request and changes only when
    /// registries are configured: kept until the next write.
    private let registriesByHost: ReadCache<[String], ThirdPartyRegistry?>

    public init(content: RegistryStore) {
        self.content = content
        registriesByHost = ReadCache(database: content.database)
    }

    public var clock: AWSClock { content.clock }

    @discardableResult
    public func read<T>(_ body: (ThirdPartyTransaction) throws -> T) throws -> T {
        try content.read { try body(ThirdPartyTransaction(content: $0)) }
    }

    @discardableResult
    public func write<T>(_ body: (ThirdPartyTransaction) throws -> T) throws -> T {
        try content.write { try body(ThirdPartyTransaction(content: $0)) }
    }

    /// The registry a Host names (as its host or an alias), or the default registry, or nil.
    /// `candidates` are tried in order (`host:port`, then `host`).
    public func registry(forHostCandidates candidates: [String]) throws -> ThirdPartyRegistry? {
        try registriesByHost.value(for: candidates) { try read { try $0.registry(forHostCandidates: candidates) } }
    }
}

/// The statements of one transaction, with the registry's content statements beside them.
public struct ThirdPartyTransaction {
    public let content: RegistryTransaction

    var connection: Connection { content.connection }

    // MARK: Registries

    /// Uncached; `ThirdPartyStore.registry(forHostCandidates:)` is what requests call.
    func registry(forHostCandidates candidates: [String]) throws -> ThirdPartyRegistry? {
        for candidate in candidates {
            if let row = try connection.queryOne(
                """
                SELECT host FROM registry_host WHERE host = ?1
                UNION ALL SELECT host FROM registry_host_alias WHERE alias = ?1
                LIMIT 1
                """, [.text(candidate)])
            {
                return try registry(host: try row.string(0))
            }
        }
        guard let row = try connection.queryOne("SELECT host FROM registry_host WHERE is_default = 1 LIMIT 1") else {
            return nil
        }
        return try registry(host: try row.string(0))
    }

    public func registries() throws -> [ThirdPartyRegistry] {
        try connection.query("SELECT host FROM registry_host ORDER BY host").compactMap {
            try registry(host: try $0.string(0))
        }
    }

    public func registry(host: String) throws -> ThirdPartyRegistry? {
        guard
            let row = try connection.queryOne(
                """
                SELECT host, auth, service, realm, is_default, anonymous_pull, token_lifetime
                FROM registry_host WHERE host = ?
                """, [.text(host)])
        else { return nil }
        let aliases = try connection.query(
            "SELECT alias FROM registry_host_alias WHERE host = ? ORDER BY alias", [.text(host)]
        ).map { try $0.string(0) }
        let users = try connection.query(
            "SELECT name, password_hash, pull, push FROM registry_user WHERE host = ? ORDER BY name", [.text(host)]
        ).map { user in
            RegistryUser(
                name: try user.string("name"), passwordHash: try user.string("password_hash"),
                pull: try ThirdPartyStore.patterns(try user.string("pull")),
                push: try ThirdPartyStore.patterns(try user.string("push")))
        }
        return ThirdPartyRegistry(
            host: try row.string("host"), aliases: aliases, isDefault: try row.bool("is_default"),
            auth: ThirdPartyRegistry.Auth(rawValue: try row.string("auth")) ?? .basic,
            service: try row.string("service"),
            realm: try row.string("realm"),
            anonymousPull: try ThirdPartyStore.patterns(try row.string("anonymous_pull")),
            tokenLifetime: try row.int("token_lifetime"), users: users)
    }

    /// Creates or replaces a registry's configuration (its content stays; its tokens go, since
    /// the users they were issued to may have changed). Aliases already claimed by another
    /// registry are refused by the primary key.
    public func save(_ registry: ThirdPartyRegistry) throws {
        let now = content.now
        if registry.isDefault {
            try connection.run("UPDATE registry_host SET is_default = 0 WHERE host <> ?", [.text(registry.host)])
        }
        try connection.run(
            """
            INSERT INTO registry_host (host, auth, service, realm, is_default, anonymous_pull, token_lifetime, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (host) DO UPDATE SET auth = excluded.auth, service = excluded.service, realm = excluded.realm,
                is_default = excluded.is_default, anonymous_pull = excluded.anonymous_pull,
                token_lifetime = excluded.token_lifetime
            """,
            [
                .text(registry.host), .text(registry.auth.rawValue), .text(registry.service), .text(registry.realm),
                .bool(registry.isDefault), .text(ThirdPartyStore.json(registry.anonymousPull)),
                .int(registry.tokenLifetime), .real(now),
            ])
        try connection.run("DELETE FROM registry_host_alias WHERE host = ?", [.text(registry.host)])
        for alias in registry.aliases {
            try connection.run(
                "INSERT INTO registry_host_alias (alias, host) VALUES (?, ?)", [.text(alias), .text(registry.host)])
        }
        try connection.run("DELETE FROM registry_user WHERE host = ?", [.text(registry.host)])
        for user in registry.users {
            try connection.run(
                "INSERT INTO registry_user (host, name, password_hash, pull, push) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(registry.host), .text(user.name), .text(user.passwordHash),
                    .text(ThirdPartyStore.json(user.pull)), .text(ThirdPartyStore.json(user.push)),
                ])
        }
        try connection.run("DELETE FROM registry_token WHERE host = ?", [.text(registry.host)])
    }

    /// Whether `name` is some registry's host or alias.
    public func isClaimed(_ name: String) throws -> String? {
        try connection.queryOne(
            "SELECT host FROM registry_host WHERE host = ?1 UNION ALL SELECT host FROM registry_host_alias WHERE alias = ?1 LIMIT 1",
            [.text(name)]
        ).map { try $0.string(0) }
    }

    @discardableResult
    public func delete(host: String) throws -> Bool {
        try connection.run("DELETE FROM registry_token WHERE host = ?", [.text(host)])
        try connection.run("DELETE FROM registry_user WHERE host = ?", [.text(host)])
        try connection.run("DELETE FROM registry_host_alias WHERE host = ?", [.text(host)])
        try connection.run("DELETE FROM registry_host WHERE host = ?", [.text(host)])
        return connection.changes == 1
    }

    // MARK: Tokens

    /// Stores a token by its hash with the scopes it grants; drops expired tokens on the way.
    public func insertToken(
        hash: String, host: String, subject: String?, grants: [TokenGrant], issuedAt: Date, expiresAt: Date
    )
        throws
    {
        try connection.run("DELETE FROM registry_token WHERE expires_at < ?", [.real(issuedAt.timeIntervalSince1970)])
        try connection.run(
            """
            INSERT INTO registry_token (token_hash, host, subject, access, issued_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(hash), .text(host), .optional(subject), .text(TokenGrant.encode(grants)),
                .real(issuedAt.timeIntervalSince1970), .real(expiresAt.timeIntervalSince1970),
            ])
    }

    public func token(hash: String) throws -> IssuedToken? {
        try connection.queryOne(
            "SELECT host, subject, access, expires_at FROM registry_token WHERE token_hash = ?", [.text(hash)]
        ).map { row in
            IssuedToken(
                host: try row.string("host"), subject: try row.optionalString("subject"),
                grants: TokenGrant.decode(try row.string("access")),
                expiresAt: Date(timeIntervalSince1970: try row.double("expires_at")))
        }
    }
}

extension ThirdPartyStore {
    // MARK: JSON columns

    static func json(_ patterns: [RepositoryPattern]) -> String {
        RegistryJSON.array(patterns.map { .string($0.text) }).text
    }

    static func patterns(_ text: String) throws -> [RepositoryPattern] {
        guard let values = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else { return [] }
        return values.map(RepositoryPattern.init)
    }
}

/// A bearer token as stored (the token itself is only ever known to the client).
public struct IssuedToken: Sendable, Equatable {
    public var host: String
    public var subject: String?
    public var grants: [TokenGrant]
    public var expiresAt: Date
}

/// One scope a token grants, shaped like the `access` claim of Docker's registry tokens.
public struct TokenGrant: Sendable, Equatable {
    public var type: String
    public var name: String
    public var actions: [String]

    public init(type: String, name: String, actions: [String]) {
        self.type = type
        self.name = name
        self.actions = actions
    }

    static func encode(_ grants: [TokenGrant]) -> String {
        RegistryJSON.array(
            grants.map {
                .object([
                    .init("type", .string($0.type)), .init("name", .string($0.name)),
                    .init("actions", .array($0.actions.map { .string($0) })),
                ])
            }
        ).text
    }

    static func decode(_ text: String) -> [TokenGrant] {
        guard let values = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] else {
            return []
        }
        return values.compactMap { value in
            guard let type = value["type"] as? String, let name = value["name"] as? String,
                let actions = value["actions"] as? [String]
            else { return nil }
            return TokenGrant(type: type, name: name, actions: actions)
        }
    }
}
