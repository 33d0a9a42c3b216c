import AWSCore
import Foundation
import HTTPServer
import Logging
import Storage

/// The composition root: opens the state, runs every migration, mounts every service on the
/// one router, and runs the HTTP server.
public final class EbauthServer: Sendable {
    public let options: ServerOptions
    public let state: StateDirectory
    public let database: Database
    let http: HTTPServer
    let logger: Logger

    /// Migrations of every module, in the order they shipped; never edited once released.
    static let migrations: [[Migration]] = [StorageSchema.migrations]

    /// The AWS services mounted on the router; each issue that builds one adds it here.
    static func serviceHandlers(state: StateDirectory, database: Database) -> [any AWSServiceHandler] {
        []
    }

    public init(options: ServerOptions, logger: Logger) throws {
        self.options = options
        self.logger = logger
        state = try StateDirectory(state: options.statePath)
        database = try state.openDatabase()
        try Migrator(Self.migrations).migrate(database)
        let report = try state.blobStore.cleanUp(database: database)
        logger.debug("state cleaned up", metadata: ["report": "\(report)"])

        let handlers = Self.serviceHandlers(state: state, database: database)
        let authenticator = SigV4Authenticator(enforce: options.enforceIAM)
        let internalRoutes = InternalRoutes(state: state, database: database, services: handlers)
        let router = ServiceRouter(
            authenticator: authenticator, handlers: handlers,
            pathRoutes: [
                PathRoute(prefix: "/_ebauth/", name: "ebauth", responder: internalRoutes),
                PathRoute(prefix: "/v2/", name: "registry", responder: NotBuiltRoute(name: "the ECR registry (OCI distribution API)")),
                PathRoute(prefix: "/latest/", name: "imds", responder: NotBuiltRoute(name: "the EC2 instance metadata service")),
            ],
            logger: logger)

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
    }

    public var port: Int { http.port }
    public var endpoint: String { "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)" }

    /// Stops accepting, lets in-flight requests finish, then removes temporary state.
    public func stop() {
        http.stop()
    }

    public func wait() {
        http.wait()
        state.removeIfTemporary()
    }
}
