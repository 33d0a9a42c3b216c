import AWSCore
import Foundation
import HTTPServer
import Storage

/// The emulated third-party registries: their configuration, the resolver that routes a request
/// to one of them by Host, and their token service.
///
/// Routing: a request goes to the registry whose host or alias equals its Host header (with or
/// without the port), else to the registry marked `default`, else nowhere. Clients on this
/// machine cannot resolve `*.localhost` or real registry names without /etc/hosts entries, so
/// tests address registries as `127.0.0.1:PORT/…` or `localhost:PORT/…`: give one registry the
/// alias `127.0.0.1` and another `localhost`, or mark one as the default.
public final class ThirdPartyRegistries: Sendable {
    public let store: ThirdPartyStore
    public let backend: RegistryBackend
    /// The server's base URL, for token realms.
    public let endpoint: @Sendable () -> String

    public init(store: ThirdPartyStore, backend: RegistryBackend, endpoint: @escaping @Sendable () -> String) {
        self.store = store
        self.backend = backend
        self.endpoint = endpoint
    }

    /// Where clients fetch tokens for `host`.
    public func tokenRealm(host: String) -> String {
        endpoint() + RegistryAdminResponder.prefix + host + "/token"
    }

    /// The resolver to hand `RegistryResponder` (compose it with ECR's: `{ ecr($0) ?? thirdParty($0) }`).
    public func resolve(_ request: HTTPRequest) -> RegistryResolution? {
        guard let registry = try? store.registry(forHostCandidates: HostName.candidates(request.headers["host"])) else {
            return nil
        }
        return resolution(for: registry)
    }

    public func resolution(for registry: ThirdPartyRegistry) -> RegistryResolution {
        let access: any RegistryAccessControl =
            switch registry.auth {
            case .none: OpenAccess()
            case .basic: HtpasswdAccess(realm: registry.realm, permissions: registry.permissions)
            case .bearer:
                BearerTokenAccess(
                    host: registry.host, service: registry.service, realm: tokenRealm(host: registry.host),
                    tokens: store)
            }
        return RegistryResolution(namespace: registry.namespace, access: access)
    }

    // MARK: Token service

    public enum TokenError: Error, Equatable {
        case unknownRegistry
        case notATokenRegistry
        case invalidCredentials
        case wrongService(String)
    }

    /// What the token endpoint answers.
    public struct IssuedTokenResponse: Sendable {
        public var token: String
        public var expiresIn: Int
        public var issuedAt: Date
        public var grants: [TokenGrant]
    }

    /// Issues a token for `scopes` to the holder of `credentials` (or anonymously), granting for
    /// each scope the actions asked for that the user has (possibly none, as Docker Hub does).
    public func issueToken(host: String, credentials: BasicCredentials?, scopes: [TokenScope], service: String?) throws
        -> IssuedTokenResponse
    {
        guard let registry = try store.read({ try $0.registry(host: host) }) else { throw TokenError.unknownRegistry }
        guard registry.auth == .bearer else { throw TokenError.notATokenRegistry }
        if let service, service != registry.service { throw TokenError.wrongService(service) }
        var user: RegistryUser?
        if let credentials {
            guard let known = registry.permissions.authenticate(credentials) else {
                throw TokenError.invalidCredentials
            }
            user = known
        }
        let permissions = registry.permissions
        var grants: [TokenGrant] = []
        for scope in scopes {
            switch scope.type {
            case "repository":
                let allowed = permissions.actions(of: user, on: registry.canonicalRepository(scope.name))
                var granted: [String] = []
                for action in scope.actions where !granted.contains(action) {
                    if action == "*" ? allowed.contains("push") : allowed.contains(action) { granted.append(action) }
                }
                grants.append(TokenGrant(type: "repository", name: scope.name, actions: granted))
            case "registry" where scope.name == "catalog":
                grants.append(
                    TokenGrant(
                        type: "registry", name: "catalog",
                        actions: user == nil ? [] : scope.actions.filter { $0 == "*" }))
            default:
                grants.append(TokenGrant(type: scope.type, name: scope.name, actions: []))
            }
        }
        var random = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let token = Data(secret).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let issuedAt = store.clock.now()
        try store.write {
            try $0.insertToken(
                hash: BearerTokenAccess.hash(token), host: registry.host, subject: user?.name, grants: grants,
                issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(TimeInterval(registry.tokenLifetime)))
        }
        return IssuedTokenResponse(token: token, expiresIn: registry.tokenLifetime, issuedAt: issuedAt, grants: grants)
    }
}
