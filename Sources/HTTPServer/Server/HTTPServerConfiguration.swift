import Foundation

/// Limits and timeouts of the HTTP server. Defaults suit an SDK talking to a local endpoint;
/// tests shorten the timeouts.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port; `HTTPServer.port` tells which.
    public var port: Int = 4566
    /// Request line plus header fields; past it the answer is 431.
    public var maxHeaderBytes: Int = 32 * 1024
    /// Past it the answer is 413. S3 accepts single PUTs of up to 5 GiB.
    public var maxBodyBytes: Int = 5 * 1024 * 1024 * 1024
    /// Bodies larger than this are spooled to a file in `spoolDirectory`.
    public var memoryBodyThreshold: Int = 1024 * 1024
    public var spoolDirectory: String = NSTemporaryDirectory()
    /// Threads kept ready to serve requests; idle keep-alive connections, partial heads and quiet
    /// bodies hold none. About two per core serves best: more threads than cores cost a wake-up per
    /// request and contention (see `WorkerPool`).
    public var workerCount: Int = HTTPServerConfiguration.defaultWorkerCount
    /// Ceiling with the stand-ins started while workers wait on clients that read slowly.
    public var maxWorkers: Int = 256

    public static var defaultWorkerCount: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }
    public var maxConnections: Int = 4096
    /// From a request's first byte to its blank line: a client dribbling headers is cut off.
    public var headerTimeout: Duration = .seconds(30)
    /// How long a worker waits for more of an incomplete head before it parks the connection
    /// in epoll, so clients that dribble headers hold no thread.
    public var headPatience: Duration = .milliseconds(100)
    /// Longest silence allowed inside a request body.
    public var bodyIdleTimeout: Duration = .seconds(30)
    /// How long an idle keep-alive connection stays open.
    public var keepAliveTimeout: Duration = .seconds(60)
    /// Longest a blocked write may wait for a client that stopped reading.
    public var writeTimeout: Duration = .seconds(60)
    /// Renders the response to a request that could not be read (400, 413, 431, …).
    public var protocolErrorResponse: @Sendable (HTTPParseError) -> HTTPResponse = { error in
        HTTPResponse(status: error.status)
    }

    public init() {}
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
