import Storage

/// What the server hands every service when it mounts it: storage, time, the IAM decision
/// point, and how the server can be reached.
public struct ServiceEnvironment: Sendable {
    public var database: Database
    public var blobStore: BlobStore
    public var clock: AWSClock
    /// The clock behind `clock` when the server runs, for the modules that act when it is moved
    /// (`/_ebauth/clock`); harnesses with a fixed clock leave it nil.
    public var serverClock: ServerClock?
    public var authorizer: any Authorizer
    public var credentials: any CredentialStore
    public var enforceIAM: Bool
    public var defaultAccountID: String
    /// The server's base URL (`http://127.0.0.1:4566`), known once the port is bound; used for
    /// URLs services hand out (presigned S3 URLs, ECR proxy endpoints).
    public var endpoint: @Sendable () -> String

    public init(
        database: Database, blobStore: BlobStore, clock: AWSClock, serverClock: ServerClock? = nil,
        authorizer: any Authorizer, credentials: any CredentialStore, enforceIAM: Bool, defaultAccountID: String,
        endpoint: @escaping @Sendable () -> String
    ) {
        self.database = database
        self.blobStore = blobStore
        self.clock = clock
        self.serverClock = serverClock
        self.authorizer = authorizer
        self.credentials = credentials
        self.enforceIAM = enforceIAM
        self.defaultAccountID = defaultAccountID
        self.endpoint = endpoint
    }
}

/// One service as the server mounts it: its migrations, its handlers, its path routes.
public protocol ServiceModule: Sendable {
    /// Migrations in the order they shipped; ids carry the service prefix (`ssm-001-…`).
    var migrations: [Migration] { get }
    /// The IAM module returns the credential store and authorizer every other service uses.
    func identity(_ environment: ServiceEnvironment) throws -> (
        credentials: any CredentialStore, authorizer: any Authorizer
    )?
    func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler]
    func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute]
}

extension ServiceModule {
    public func identity(_ environment: ServiceEnvironment) throws -> (
        credentials: any CredentialStore, authorizer: any Authorizer
    )? {
        nil
    }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] { [] }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] { [] }
}
