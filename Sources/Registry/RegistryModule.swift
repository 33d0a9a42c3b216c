import AWSCore
import Logging
import Storage

/// Mounts the registry data plane under `/v2/` and the third-party registry admin API under
/// `/_ebauth/registries/`. With ECR, `ECRModule` mounts the same routes through
/// `RegistryModule.pathRoutes(environment:backend:front:logger:)` with ECR as the front.
public struct RegistryModule: ServiceModule {
    public init() {}

    public var migrations: [Migration] { RegistrySchema.migrations }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        let store = RegistryStore(
            database: environment.database, blobStore: environment.blobStore, clock: environment.clock)
        return Self.pathRoutes(
            environment: environment, backend: RegistryBackend(store: store), front: nil,
            logger: Logger(label: "ebauth.registry"))
    }

    /// `/v2/` and `/_ebauth/registries/` over one backend. A request goes to `front.named` first
    /// (hosts that name a front registry, e.g. `<account>.dkr.ecr.<region>.amazonaws.com`), then
    /// to the emulated third-party registry that claims its Host (or the default one), and last
    /// to `front.fallback` (hosts nobody claims, e.g. a bare `127.0.0.1:4566`).
    public static func pathRoutes(
        environment: ServiceEnvironment, backend: RegistryBackend, front: RegistryFront?, logger: Logger?
    ) -> [PathRoute] {
        let registries = ThirdPartyRegistries(
            store: ThirdPartyStore(content: backend.store), backend: backend, endpoint: environment.endpoint)
        let resolve: RegistryResolver = { request in
            front?.named(request) ?? registries.resolve(request) ?? front?.fallback(request)
        }
        return [
            PathRoute(
                prefix: "/v2/", name: "registry",
                responder: RegistryResponder(
                    resolve: resolve, backend: backend, blobRedirect: front?.blobRedirect, logger: logger)),
            PathRoute(
                prefix: RegistryAdminResponder.prefix, name: "registries",
                responder: RegistryAdminResponder(registries: registries, logger: logger)),
        ]
    }
}

/// A registry served before and after the emulated third-party ones (ECR's registries).
public struct RegistryFront: Sendable {
    /// Requests whose Host names this registry.
    public var named: RegistryResolver
    /// Requests whose Host no registry claims.
    public var fallback: RegistryResolver
    public var blobRedirect: RegistryResponder.BlobRedirect?

    public init(
        named: @escaping RegistryResolver, fallback: @escaping RegistryResolver,
        blobRedirect: RegistryResponder.BlobRedirect?
    ) {
        self.named = named
        self.fallback = fallback
        self.blobRedirect = blobRedirect
    }
}
