import AWSCore
import Foundation
import HTTPServer
import Logging

/// ebauth's admin API for emulated third-party registries, mounted under `/_ebauth/registries/`,
/// and their token endpoint.
///
///     POST   /_ebauth/registries                    create or replace a registry → 201
///     GET    /_ebauth/registries                    list them (never passwords or hashes)
///     GET    /_ebauth/registries/<host>             one of them
///     DELETE /_ebauth/registries/<host>             remove it with all its repositories → 204
///     POST   /_ebauth/registries/<host>/images      push a generated test image → 201
///     GET    /_ebauth/registries/<host>/token       token endpoint of a `bearer` registry
///     POST   /_ebauth/registries/<host>/token       the same, OAuth2 password grant (form body)
///
/// The registry JSON:
///
///     {
///       "host": "quay.io",                  // Host header it answers to (port optional)
///       "aliases": ["127.0.0.1"],           // more Host names; "docker.io" gets
///                                           //   registry-1.docker.io, index.docker.io,
///                                           //   registry.hub.docker.com automatically
///       "default": false,                   // answer Hosts that no registry claims
///       "auth": "basic",                    // "basic" (htpasswd, registry:2), "bearer" (token
///                                           //   service, Docker Hub / quay.io) or "none"
///       "realm": "Registry Realm",          // Basic realm (default as registry:2's example)
///       "service": "quay.io",               // Bearer service (default the host;
///                                           //   "registry.docker.io" for docker.io)
///       "tokenLifetime": 300,               // seconds a bearer token lives
///       "anonymousPull": ["library/*"],     // repositories anyone may pull (default none)
///       "users": [
///         {"user": "johndoe", "password": "s3cret",        // hashed with bcrypt at once
///          "pull": ["*"], "push": ["johndoe/*"]},          // globs; default ["*"] for both
///         {"htpasswd": "jane:$2y$05$…"}                    // or an htpasswd line (bcrypt only)
///       ],
///       "htpasswd": "…",                    // or a whole htpasswd file
///       "repositories": ["johndoe/empty"],  // created empty
///       "images": [                         // generated test images, pushed
///         {"repository": "johndoe/private-image", "tag": "latest",
///          "format": "docker",              // "docker" (schema 2) or "oci"
///          "layers": 2, "seed": "…"}        // 1–3 layers; the seed makes images differ
///       ]
///     }
///
/// Replacing a registry keeps its repositories and images and revokes its tokens. On docker.io
/// a one-component repository name means `library/<name>`, as Docker Hub's naming rules say.
/// The answer lists the registry (users by name only) and the digests of the images pushed.
public struct RegistryAdminResponder: HTTPResponder {
    public static let prefix = "/_ebauth/registries/"

    public let registries: ThirdPartyRegistries
    let logger: Logger?

    public init(registries: ThirdPartyRegistries, logger: Logger? = nil) {
        self.registries = registries
        self.logger = logger
    }

    var store: ThirdPartyStore { registries.store }
    var backend: RegistryBackend { registries.backend }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try route(request)
        } catch let error as RegistryAdminError {
            return Self.json(error.status, .object([.init("error", .string(error.message))]))
        } catch let error as RegistryError {
            let (status, _, entries) = error.entries(for: nil)
            return Self.json(status, .object([.init("error", .string(entries.first?.message ?? "registry error"))]))
        } catch is DecodingError {
            return Self.json(
                400, .object([.init("error", "the body is not a registry configuration (see RegistryAdminResponder)")]))
        } catch {
            logger?.error("registry admin request failed", metadata: ["error": "\(error)"])
            return Self.json(500, .object([.init("error", "internal error")]))
        }
    }

    private func route(_ request: HTTPRequest) throws -> HTTPResponse {
        let rest = request.path.hasPrefix(Self.prefix) ? String(request.path.dropFirst(Self.prefix.count)) : ""
        let segments = rest.split(separator: "/", omittingEmptySubsequences: true).map {
            URIEncoding.decode($0, plusAsSpace: false)
        }
        switch (request.method, segments.count) {
        case ("POST", 0):
            return try create(request)
        case ("GET", 0):
            let registries = try store.read { try $0.registries() }
            return Self.json(200, .object([.init("registries", .array(registries.map(summary)))]))
        case ("GET", 1):
            return Self.json(200, summary(try namedRegistry(segments[0])))
        case ("DELETE", 1):
            let host = try RegistryConfiguration.canonicalHost(segments[0])
            let deleted = try store.write { transaction in
                try transaction.content.deleteNamespace(RegistryNamespace.distribution(host: host).id)
                return try transaction.delete(host: host)
            }
            guard deleted else { throw RegistryAdminError("no registry \(segments[0])", status: 404) }
            return HTTPResponse(status: 204)
        case ("POST", 2) where segments[1] == "images":
            let registry = try namedRegistry(segments[0])
            let image = try JSONDecoder().decode(
                RegistryConfiguration.Image.self, from: Data(try request.body.readAll()))
            return Self.json(201, try push(image, into: registry))
        case ("GET", 2) where segments[1] == "token", ("POST", 2) where segments[1] == "token":
            return token(request, host: segments[0])
        default:
            throw RegistryAdminError(
                "no such registry admin endpoint: \(request.method) \(request.path.prefix(200))", status: 404)
        }
    }

    private func create(_ request: HTTPRequest) throws -> HTTPResponse {
        let configuration = try JSONDecoder().decode(RegistryConfiguration.self, from: Data(try request.body.readAll()))
        let registry = try configuration.registry()
        let repositories = try (configuration.repositories ?? []).map { try repositoryName($0, in: registry) }
        let images = configuration.images ?? []
        for image in images { _ = try repositoryName(image.repository, in: registry) }
        try store.write { transaction in
            for name in [registry.host] + registry.aliases {
                if let owner = try transaction.isClaimed(name), owner != registry.host {
                    throw RegistryAdminError("\(name) already belongs to the registry \(owner)", status: 409)
                }
            }
            try transaction.save(registry)
            for name in repositories { try transaction.content.createRepository(registry.namespace.id, name) }
        }
        var pushed: [RegistryJSON] = []
        for image in images { pushed.append(try push(image, into: registry)) }
        guard case .object(var members) = summary(registry) else { return HTTPResponse(status: 500) }
        members.append(.init("images", .array(pushed)))
        return Self.json(201, .object(members))
    }

    /// The registry a path segment names; 404 when there is none.
    private func namedRegistry(_ segment: String) throws -> ThirdPartyRegistry {
        let host = try RegistryConfiguration.canonicalHost(segment)
        guard let registry = try store.read({ try $0.registry(host: host) }) else {
            throw RegistryAdminError("no registry \(segment)", status: 404)
        }
        return registry
    }

    private func repositoryName(_ name: String, in registry: ThirdPartyRegistry) throws -> String {
        let canonical = registry.canonicalRepository(name)
        guard RepositoryName.isValid(canonical) else {
            throw RegistryAdminError("invalid repository name \(name.prefix(256))")
        }
        return canonical
    }

    private func push(_ image: RegistryConfiguration.Image, into registry: ThirdPartyRegistry) throws -> RegistryJSON {
        let repository = try repositoryName(image.repository, in: registry)
        let tag = image.tag ?? "latest"
        guard Tag.isValid(tag, flavor: .distribution) else {
            throw RegistryAdminError("invalid tag \(tag.prefix(128))")
        }
        let layers = image.layers ?? 2
        guard (1...3).contains(layers) else { throw RegistryAdminError("layers must be 1 to 3") }
        let format = image.format ?? .docker
        let generated = TestImage(
            format: format, layerCount: layers, seed: image.seed ?? "\(registry.host)/\(repository):\(tag)")
        let digest = try backend.push(generated, registry.namespace, repository, tag: tag)
        return .object([
            .init("repository", .string(repository)), .init("tag", .string(tag)), .init("digest", .string(digest)),
            .init("mediaType", .string(generated.manifestMediaType)),
        ])
    }

    private func summary(_ registry: ThirdPartyRegistry) -> RegistryJSON {
        var members: [RegistryJSON.Member] = [
            .init("host", .string(registry.host)), .init("aliases", .array(registry.aliases.map { .string($0) })),
            .init("default", .bool(registry.isDefault)), .init("auth", .string(registry.auth.rawValue)),
        ]
        switch registry.auth {
        case .basic: members.append(.init("realm", .string(registry.realm)))
        case .bearer:
            members.append(.init("service", .string(registry.service)))
            members.append(.init("tokenRealm", .string(registries.tokenRealm(host: registry.host))))
            members.append(.init("tokenLifetime", .number(Int64(registry.tokenLifetime))))
        case .none: break
        }
        members.append(.init("anonymousPull", .array(registry.anonymousPull.map { .string($0.text) })))
        members.append(.init("users", .array(registry.users.map { .string($0.name) })))
        let repositories =
            (try? store.read { try $0.content.repositories(registry.namespace.id, after: nil, limit: nil) }) ?? []
        members.append(.init("repositories", .array(repositories.map { .string($0) })))
        return .object(members)
    }

    static func json(_ status: Int, _ body: RegistryJSON, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        for (name, value) in extra { headers.add(name, value) }
        return HTTPResponse(status: status, headers: headers, bytes: Array((body.text + "\n").utf8))
    }
}
