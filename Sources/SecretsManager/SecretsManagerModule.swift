import AWSCore
import Storage

/// AWS Secrets Manager as the server mounts it: the secret operations an instance, the CLI and
/// CloudFormation-style resolution need (no rotation, replication or resource policies).
public struct SecretsManagerModule: ServiceModule {
    public init() {}

    public var migrations: [Migration] { SecretsManagerSchema.migrations }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        [
            SecretsManagerBackend(
                database: environment.database, authorizer: environment.authorizer, clock: environment.clock
            )
            .routes()
        ]
    }
}
