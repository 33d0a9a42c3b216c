import AWSCore
import Storage

/// SSM Parameter Store as the server mounts it.
public struct SSMModule: ServiceModule {
    public init() {}

    public var migrations: [Migration] { SSMSchema.migrations }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        [
            SSMBackend(database: environment.database, authorizer: environment.authorizer, clock: environment.clock)
                .routes()
        ]
    }
}
