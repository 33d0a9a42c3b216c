import AWSCore
import Storage

/// KMS as the server mounts it: for now only its tables, which hold the keys Parameter Store and
/// Secrets Manager encrypt with (`KMSKeys`). KMS's own JSON API is not built yet.
public struct KMSModule: ServiceModule {
    public init() {}

    public var migrations: [Migration] { KMSSchema.migrations }
}
