import ArgumentParser
import Foundation
import Logging
import Server

#if canImport(Glibc)
    import Glibc
#endif

extension Ebauth {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the AWS APIs and the registry on one port until SIGINT or SIGTERM.")

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 picks a free one.")
        var port = 4566

        @Option(help: "Directory that keeps state across restarts. Without it, state is temporary.")
        var state: String?

        @Flag(help: "Accept only known access keys, verify every signature, evaluate IAM policies.")
        var enforceIAM = false

        @Option(help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        @Option(help: "Threads serving requests.")
        var workers = 32

        func validate() throws {
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("unknown log level '\(logLevel)'")
            }
            guard (0...65535).contains(port) else { throw ValidationError("port must be 0...65535") }
            guard workers > 0 else { throw ValidationError("workers must be positive") }
        }

        func run() throws {
            let level = Logger.Level(rawValue: logLevel)!
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "ebauth")
            // Signals are taken by one thread with sigwait, so every other thread (created
            // after this mask) never sees them.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGTERM)
            pthread_sigmask(SIG_BLOCK, &signals, nil)

            var options = ServerOptions()
            options.host = host
            options.port = port
            options.statePath = state
            options.enforceIAM = enforceIAM
            options.logLevel = level
            options.workerCount = workers
            let server: EbauthServer
            do {
                server = try EbauthServer(options: options, logger: logger)
                try server.start()
            } catch {
                FileHandle.standardError.write(Data("ebauth: cannot start: \(error)\n".utf8))
                throw ExitCode(1)
            }
            printBanner(server)

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

        func printBanner(_ server: EbauthServer) {
            let lines = [
                "ebauth \(EbauthVersion.string) listening on \(server.endpoint)",
                "state: \(server.state.isTemporary ? "temporary (removed at exit)" : server.state.root)",
                "IAM: \(enforceIAM ? "enforced (known keys only, signatures verified)" : "open (any well-formed key is an administrator)")",
                "export AWS_ENDPOINT_URL=\(server.endpoint)",
                "export AWS_ACCESS_KEY_ID=test",
                "export AWS_SECRET_ACCESS_KEY=test",
                "export AWS_DEFAULT_REGION=us-east-1",
            ]
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
