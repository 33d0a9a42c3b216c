import AWSCore
import Foundation
import HTTPServer
import Logging
import Storage
import Synchronization

/// The composition root: opens the state, runs every module's migrations, builds the IAM
/// decision point, mounts every service on the one router, and runs the HTTP server.
public final class EbauthServer: Sendable {
    public let options: ServerOptions
    public let state: StateDirectory
    public let database: Database
    /// The clock every time-based rule reads; `/_ebauth/clock` moves it.
    public let clock = ServerClock()
    let http: HTTPServer
    let logger: Logger
    private let boundEndpoint = EndpointBox()

    public init(options: ServerOptions, logger: Logger, modules: [any ServiceModule] = ServiceModules.all) throws {
        self.options = options
        self.logger = logger
        state = try StateDirectory(state: options.statePath)
        database = try state.openDatabase()
        try Migrator([StorageSchema.migrations] + modules.map(\.migrations)).migrate(database)
        let report = try state.blobStore.cleanUp(database: database)
        logger.debug("state cleaned up", metadata: ["report": "\(report)"])

        let endpointBox = boundEndpoint
        var environment = ServiceEnvironment(
            database: database, blobStore: state.blobStore, clock: clock.awsClock, serverClock: clock,
            authorizer: AllowAllAuthorizer(),
            credentials: DefaultCredentials(), enforceIAM: options.enforceIAM,
            defaultAccountID: DefaultCredentials.accountID, endpoint: { endpointBox.value.withLock { $0 } })
        for module in modules {
            if let identity = try module.identity(environment) {
                environment.credentials = identity.credentials
                if options.enforceIAM { environment.authorizer = identity.authorizer }
            }
        }
        let handlers = try modules.flatMap { try $0.handlers(environment) }
        var routes = [
            PathRoute(
                prefix: "/_ebauth/", name: "ebauth",
                responder: InternalRoutes(state: state, database: database, clock: clock, services: handlers))
        ]
        routes += try modules.flatMap { try $0.pathRoutes(environment) }
        // Signatures are checked against the real time: clients sign with it, whatever the
        // server's clock says.
        let authenticator = SigV4Authenticator(
            credentials: environment.credentials, enforce: options.enforceIAM, clock: .system)
        let router = ServiceRouter(authenticator: authenticator, handlers: handlers, pathRoutes: routes, logger: logger)

        var configuration = HTTPServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.workerCount = options.workerCount
        configuration.spoolDirectory = state.uploadsDirectory
        configuration.protocolErrorResponse = ProtocolErrors.response
        options.configureHTTP(&configuration)
        http = HTTPServer(configuration: configuration, responder: router, logger: logger)
    }

    public func start() throws {
        try http.start()
        let endpoint = self.endpoint
        boundEndpoint.value.withLock { $0 = endpoint }
    }

    public var port: Int { http.port }
    public var endpoint: String { "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)" }

    /// Stops accepting, lets in-flight requests finish; `wait` then removes temporary state.
    public func stop() {
        http.stop()
    }

    public func wait() {
        http.wait()
        state.removeIfTemporary()
    }
}

/// The endpoint services see; set once the port is bound (`--port 0` picks it at start).
final class EndpointBox: Sendable {
    let value = Mutex("")
}
