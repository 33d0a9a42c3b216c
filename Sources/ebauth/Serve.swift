import ArgumentParser
import Foundation
import Logging
import Server

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

        @Option(
            help:
                "Threads kept ready to serve requests (default: two per core, at least 4; more start while clients read slowly)."
        )
        var workers: Int?

        func validate() throws {
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("unknown log level '\(logLevel)'")
            }
            guard (0...65535).contains(port) else { throw ValidationError("port must be 0...65535") }
            if let workers, workers <= 0 { throw ValidationError("workers must be positive") }
        }

        func run() throws {
            var options = ServerOptions()
            options.host = host
            options.port = port
            options.statePath = state
            options.enforceIAM = enforceIAM
            options.logLevel = Logger.Level(rawValue: logLevel)!
            if let workers { options.workerCount = workers }
            do {
                try ServerRunner.run(options: options)
            } catch {
                FileHandle.standardError.write(Data("ebauth: cannot start: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
