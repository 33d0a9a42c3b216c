import HTTPServer
import Logging

/// Everything `ebauth serve` can be told.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 4566
    /// Persist state here; nil keeps it in a temporary directory removed at exit.
    public var statePath: String?
    public var enforceIAM = false
    public var logLevel: Logger.Level = .info
    public var workerCount = HTTPServerConfiguration.defaultWorkerCount
    /// For tests: shorter timeouts, smaller limits.
    public var configureHTTP: @Sendable (inout HTTPServerConfiguration) -> Void = { _ in }

    public init() {}
}

public enum EbauthVersion {
    public static let string = "0.1.0"
}
