// Swift Testing is only on the search path of test builds: a plain `swift build -c release` builds
// this target too, and compiles it without the parts that record issues.
#if canImport(Testing)
    import Foundation
    import Testing

    /// `ebauth serve --port 0` as a child process; the port is read from its banner, as
    /// Tests/clients/conftest.py reads it.
    final class LiveServer {
        let process = Process()
        let port: Int
        private let stderr: URL

        init(arguments: [String], sourceLocation: SourceLocation) throws {
            let binary = try Self.binary(sourceLocation: sourceLocation)
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--port", "0", "--log-level", "error", "--workers", "4"] + arguments
            stderr = FileManager.default.temporaryDirectory.appendingPathComponent(
                "ebauth-live-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            let output = Pipe()
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
            var banner = ""
            // The banner ends with the exports; the last one says the server is listening.
            while !banner.contains("export AWS_DEFAULT_REGION") {
                let data = output.fileHandleForReading.availableData
                guard !data.isEmpty else {
                    process.waitUntilExit()
                    throw TestFailure(
                        "ebauth exited before listening (\(process.terminationStatus)): \(Self.text(of: stderr))")
                }
                banner += String(decoding: data, as: UTF8.self)
            }
            guard let match = banner.firstMatch(of: /listening on http:\/\/[\d.]+:(\d+)/), let port = Int(match.1)
            else {
                process.terminate()
                throw TestFailure("no port in ebauth's banner: \(banner)")
            }
            self.port = port
        }

        /// Stops the server as SIGTERM does; a crash or a failed exit fails the test.
        func stop() throws {
            defer { try? FileManager.default.removeItem(at: stderr) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                let ending = "\(process.terminationReason) \(process.terminationStatus)"
                throw TestFailure("ebauth ended with \(ending): \(Self.text(of: stderr))")
            }
        }

        private static func text(of file: URL) -> String {
            (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }

        /// `EBAUTH_BIN`, else `ebauth` in the bin directory of this test bundle (`swift build
        /// --show-bin-path`). Missing, the live mode is cancelled, except under CI=true where it fails.
        static func binary(sourceLocation: SourceLocation) throws -> String {
            let environment = ProcessInfo.processInfo.environment
            let path = environment["EBAUTH_BIN"] ?? binDirectory().appendingPathComponent("ebauth").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
            let message = "ebauth is not built at \(path); run `swift build` (or set EBAUTH_BIN)"
            if environment["CI"] == "true" { throw TestFailure(message + "; CI=true needs the live mode") }
            // Cancelled cases print as passed; the warning says what did not run.
            Issue.record(
                Comment(rawValue: message + "; the live mode did not run"), severity: .warning,
                sourceLocation: sourceLocation)
            try Test.cancel(Comment(rawValue: message), sourceLocation: sourceLocation)
        }

        private static func binDirectory() -> URL {
            #if os(Linux)
                // The test runner is the bundle's own executable, `<bin>/ebauthPackageTests.xctest`.
                URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            #else
                Bundle(for: LiveServer.self).bundleURL.deletingLastPathComponent()
            #endif
        }
    }
#endif
