import AWSCore
import Logging
import Server

/// `EbauthServer` on a free loopback port of this process, with temporary state, for one test.
/// Harnesses that mount modules of their own (a test clock, scripted access) pass them.
public final class InProcessServer: LoopbackTarget {
    public let server: EbauthServer

    public init(
        modules: [any ServiceModule] = ServiceModules.all, enforceIAM: Bool = false, workerCount: Int = 4
    ) throws {
        var options = ServerOptions()
        options.port = 0
        options.enforceIAM = enforceIAM
        options.workerCount = workerCount
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        server = try EbauthServer(options: options, logger: logger, modules: modules)
        try server.start()
    }

    deinit {
        server.stop()
        server.wait()
    }

    public var port: Int { server.port }
}
