// Swift Testing is only on the search path of test builds: a plain `swift build -c release` builds
// this target too, and compiles it without the parts that record issues.
#if canImport(Testing)
    import Testing

    /// Runs one test closure against a server that is either the `EbauthServer` assembly in this
    /// process or the built `ebauth` binary, so the same assertions hold for both (the model is
    /// HummingbirdTesting's `app.test(.router)` / `app.test(.live)`). Suites take the mode as an
    /// argument: `@Test(arguments: TestApp.Mode.allCases)`.
    public enum TestApp {
        public enum Mode: String, Sendable, CaseIterable, CustomTestStringConvertible {
            /// `EbauthServer` with every module, on a free loopback port of this process.
            case inProcess
            /// `ebauth serve --port 0` as a child process, found beside the test bundle.
            case live

            public var testDescription: String { rawValue }
        }

        /// Starts a fresh server with temporary state for `body`, and stops it afterwards.
        public static func test<T>(
            _ mode: Mode, enforceIAM: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
            _ body: (TestClient) throws -> T
        ) throws -> T {
            switch mode {
            case .inProcess:
                let server = try InProcessServer(enforceIAM: enforceIAM)
                // Kept alive to the end of `body`: its deinit stops the server.
                return try withExtendedLifetime(server) { try body(TestClient(port: server.port)) }
            case .live:
                let server = try LiveServer(
                    arguments: enforceIAM ? ["--enforce-iam"] : [], sourceLocation: sourceLocation)
                let result: T
                do {
                    result = try body(TestClient(port: server.port))
                } catch {
                    _ = try? server.stop()
                    throw error
                }
                try server.stop()
                return result
            }
        }
    }

    /// What `TestApp.test` hands its closure: the port of the server under test.
    public struct TestClient: LoopbackTarget, Sendable {
        public let port: Int

        public var endpoint: String { "http://127.0.0.1:\(port)" }
    }
#endif
