/// An emulated third-party registry as seeded through the admin API.
public struct ThirdPartyRegistry: Sendable, Equatable {
    public enum Auth: String, Sendable, Codable {
        /// No credentials at all (registry:2 without an auth section).
        case none
        /// htpasswd users over HTTP Basic (registry:2 with `auth: htpasswd`).
        case basic
        /// A token service (Docker Hub, quay.io): 401 `Bearer realm=…`, tokens from our endpoint.
        case bearer
    }

    /// The canonical host, e.g. `quay.io`, `docker.io`, `registry.example.com:5000`.
    public var host: String
    /// Further Host header values that reach this registry (`registry-1.docker.io`, `127.0.0.1`).
    public var aliases: [String]
    /// Answers requests whose Host no registry claims (bare `127.0.0.1:PORT`).
    public var isDefault: Bool
    public var auth: Auth
    /// Bearer `service=` value (Docker Hub: `registry.docker.io`).
    public var service: String
    /// Basic `realm=` value.
    public var realm: String
    public var anonymousPull: [RepositoryPattern]
    /// Seconds a bearer token lives (Docker Hub: 300).
    public var tokenLifetime: Int
    public var users: [RegistryUser]

    public var namespace: RegistryNamespace { .distribution(host: host) }

    public var permissions: RegistryPermissions {
        RegistryPermissions(users: users, anonymousPull: anonymousPull)
    }

    /// Docker Hub's registry is reached under several names, and clients key its credentials
    /// by `https://index.docker.io/v1/`.
    public static let dockerHubAliases = ["registry-1.docker.io", "index.docker.io", "registry.hub.docker.com"]
    public static let dockerHubHost = "docker.io"

    public var isDockerHub: Bool { host == Self.dockerHubHost }

    /// Docker Hub naming: a one-component name means an official image under `library/`.
    public func canonicalRepository(_ name: String) -> String {
        isDockerHub && !name.contains("/") ? "library/" + name : name
    }
}
