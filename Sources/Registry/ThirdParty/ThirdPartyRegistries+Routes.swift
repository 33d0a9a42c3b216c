import AWSCore
import HTTPServer
import Logging

extension ThirdPartyRegistries {
    /// The emulated registries over the server's state.
    public convenience init(environment: ServiceEnvironment, tagPolicy: TagPolicy? = nil) {
        let content = RegistryStore(
            database: environment.database, blobStore: environment.blobStore, clock: environment.clock)
        self.init(
            store: ThirdPartyStore(content: content), backend: RegistryBackend(store: content, tagPolicy: tagPolicy),
            endpoint: environment.endpoint)
    }

    /// Path routes serving only the emulated registries: `/v2/` and `/_ebauth/registries/`.
    /// (The server that also serves ECR mounts one `RegistryResponder` whose resolver tries
    /// ECR's hosts and these, and the admin responder beside it.)
    public func pathRoutes(logger: Logger? = nil) -> [PathRoute] {
        [
            PathRoute(
                prefix: "/v2/", name: "registry",
                responder: RegistryResponder(resolve: { [self] in resolve($0) }, backend: backend, logger: logger)),
            PathRoute(
                prefix: RegistryAdminResponder.prefix, name: "registries",
                responder: RegistryAdminResponder(registries: self, logger: logger)),
        ]
    }
}
