import AWSCore
import Storage

/// S3 as the server mounts it: its tables and its REST-XML handler.
public struct S3Module: ServiceModule {
    public init() {}

    public var migrations: [Migration] { S3Schema.migrations }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        [S3Routes.service(S3Backend(environment: environment))]
    }
}
