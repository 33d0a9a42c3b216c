import AWSCore
import Logging
import Storage

/// Mounts the registry data plane under `/v2/` and the third-party registry admin API under
/// `/_ebauth/registries/`. ECR's registries join the same responder when ECR is built.
public struct RegistryModule: ServiceModule {
    public init() {}

    public var migrations: [Migration] { RegistrySchema.migrations }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        ThirdPartyRegistries(environment: environment).pathRoutes(logger: Logger(label: "ebauth.registry"))
    }
}
