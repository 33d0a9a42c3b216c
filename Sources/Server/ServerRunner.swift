import AWSCore
import Foundation
import HTTPServer
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a server in the foreground until SIGINT or SIGTERM: prints the banner, then stops
/// gracefully. Shared by `ebauth serve` and development builds that mount other modules.
public enum ServerRunner {
    public static func run(options: ServerOptions, modules: [any ServiceModule] = ServiceModules.all) throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = options.logLevel
            return handler
        }
        let logger = Logger(label: "ebauth")
        MemoryTuning.returnLargeBuffersToTheSystem()
        if !isLoopback(options.host) {
            // A fake AWS endpoint accepts any key by default: reachable from the network, it
            // would hand out whatever tests store in it.
            logger.warning(
                "listening on \(options.host), not loopback: anyone who can reach this port can use it\(options.enforceIAM ? "" : " (and without --enforce-iam any access key is accepted)")"
            )
        }
        // Signals are taken by one thread with sigwait, so every thread created after this
        // mask (the server's) never sees them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let server = try EbauthServer(options: options, logger: logger, modules: modules)
        try server.start()
        FileHandle.standardOutput.write(Data(banner(server, modules: modules).utf8))
        MemoryTuning.releaseStartUpCode()

        let signalSet = signals
        let waiter = Thread {
            var set = signalSet
            var received: Int32 = 0
            sigwait(&set, &received)
            logger.notice("received signal \(received); finishing in-flight requests")
            server.stop()
        }
        waiter.start()
        server.wait()
        logger.notice("stopped")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func banner(_ server: EbauthServer, modules: [any ServiceModule] = []) -> String {
        // What mounted modules add (ECR: how to point docker at the registry), before the exports.
        let notes: [String] = modules.compactMap { $0 as? any ServiceBanner }.flatMap {
            $0.bannerLines(endpoint: server.endpoint)
        }
        let head: [String] = [
            "ebauth \(EbauthVersion.string) listening on \(server.endpoint)",
            "state: \(server.state.isTemporary ? "temporary (removed at exit)" : server.state.root)",
            "IAM: \(server.options.enforceIAM ? "enforced (known keys only, signatures verified, policies evaluated)" : "open (any well-formed key is an administrator)")",
        ]
        return
            (head + notes + [
                "export AWS_ENDPOINT_URL=\(server.endpoint)",
                "export AWS_ACCESS_KEY_ID=\(DefaultCredentials.accessKeyID)",
                "export AWS_SECRET_ACCESS_KEY=\(DefaultCredentials.secretAccessKey)",
                "export AWS_DEFAULT_REGION=us-east-1",
            ]).joined(separator: "\n") + "\n"
    }
}
