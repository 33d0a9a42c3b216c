import CSystemShims
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP/1.1 server on POSIX sockets.
///
/// One event-loop thread accepts connections and sweeps idle ones; a small pool of worker threads
/// (see `WorkerPool`) waits on a second epoll set holding the idle connections, and the worker that wakes for one
/// reads its requests, calls the responder and writes answers. A connection between requests holds
/// no thread, so thousands of idle keep-alive clients cost only their sockets, and a request wakes
/// one thread, not the event loop and then a worker (a context switch less per request).
public final class HTTPServer: @unchecked Sendable {
    public let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger

    public private(set) var port = 0
    private var listenFD: Int32 = -1
    private var epollFD: Int32 = -1
    private var wakeFD: Int32 = -1
    /// The idle connections (one-shot), and `stopFD`, which stays readable once shutdown is done.
    private var connectionsFD: Int32 = -1
    private var stopFD: Int32 = -1
    private let finished = DispatchSemaphore(value: 0)
    private var workersRunning = 0
    private var workersStarted = 0

    /// Connections by id, and whether shutdown has begun; one lock for both so a worker that
    /// re-arms a connection and a shutdown that closes idle ones never race.
    private let state = Mutex(ConnectionTable())

    struct ConnectionTable: ~Copyable {
        var connections: [UInt64: HTTPConnection] = [:]
        var nextID: UInt64 = 16
        var stopping = false
    }

    static let listenerToken: UInt64 = 1
    static let wakeToken: UInt64 = 2
    static let stopToken: UInt64 = 3

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    /// Binds, starts the threads and returns; `port` holds the bound port.
    public func start() throws {
        Self.raiseOpenFileLimit()
        // sendfile has no MSG_NOSIGNAL: a client that hangs up during a file answer would kill
        // the process with SIGPIPE. Ignored, the write fails with EPIPE and only that connection ends.
        signal(SIGPIPE, SIG_IGN)
        let (fd, boundPort) = try Listener.open(host: configuration.host, port: configuration.port)
        listenFD = fd
        port = boundPort
        epollFD = ebauth_epoll_create()
        wakeFD = ebauth_eventfd()
        connectionsFD = ebauth_epoll_create()
        stopFD = ebauth_eventfd()
        guard epollFD >= 0, wakeFD >= 0, connectionsFD >= 0, stopFD >= 0 else {
            throw SystemError.last("epoll_create1/eventfd")
        }
        try register(listenFD, token: Self.listenerToken, events: UInt32(EBAUTH_EPOLLIN))
        try register(wakeFD, token: Self.wakeToken, events: UInt32(EBAUTH_EPOLLIN))
        try register(stopFD, token: Self.stopToken, events: UInt32(EBAUTH_EPOLLIN), in: connectionsFD)

        let pool = WorkerPool(
            target: configuration.workerCount, maximum: configuration.maxWorkers,
            startWorker: { [weak self] in self?.startWorker() })
        self.pool = pool
        pool.start()
        let loop = Thread { [self] in eventLoop() }
        loop.name = "http-event-loop"
        loop.start()
    }

    /// Begins a graceful shutdown: no new connections, requests already begun are answered,
    /// idle connections are closed. Safe to call from any thread, more than once.
    public func stop() {
        state.withLock { $0.stopping = true }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Blocks until the server has stopped and every worker has finished.
    public func wait() {
        finished.wait()
        finished.signal()
    }

    public var isStopping: Bool { state.withLock { $0.stopping } }

    public var connectionCount: Int { state.withLock { $0.connections.count } }

    private let workerLock = NSLock()
    /// Set in `start`; connections reach it to ask for a stand-in before a blocking write.
    private var pool: WorkerPool?

    private func startWorker() {
        workerLock.lock()
        workersRunning += 1
        let index = workersStarted
        workersStarted += 1
        workerLock.unlock()
        let thread = Thread { [self] in
            while let connection = nextReadyConnection() {
                serve(connection)
                if pool?.retireIfSurplus() == true { break }
            }
            finishedWorker()
        }
        thread.name = "http-worker-\(index)"
        thread.stackSize = 8 << 20  // deep JSON or XML must not overflow a worker
        // Not kept: a Thread holds its closure, which holds the server, so a stored array of
        // them made a cycle that kept every stopped server (and its responder) alive.
        thread.start()
    }

    /// Worker threads alive now (the target, plus stand-ins for workers waiting on slow readers).
    public var workerThreadCount: Int {
        workerLock.lock()
        defer { workerLock.unlock() }
        return workersRunning
    }

    private func finishedWorker() {
        workerLock.lock()
        workersRunning -= 1
        let last = workersRunning == 0
        workerLock.unlock()
        if last {
            Glibc.close(epollFD)
            Glibc.close(wakeFD)
            Glibc.close(connectionsFD)
            Glibc.close(stopFD)
            finished.signal()
        }
    }

    // MARK: Event loop

    private func eventLoop() {
        var tokens = [UInt64](repeating: 0, count: 256)
        var lastSweep = MonotonicClock.nowMilliseconds()
        var listening = true
        while true {
            let count = tokens.withUnsafeMutableBufferPointer {
                ebauth_epoll_wait(epollFD, $0.baseAddress, Int32($0.count), listening ? 1000 : 100)
            }
            if count < 0 && errno != EINTR {
                logger.error("epoll_wait failed", metadata: ["error": "\(SystemError.last("epoll_wait"))"])
                break
            }
            for index in 0..<max(0, Int(count)) {
                let token = tokens[index]
                switch token {
                case Self.listenerToken:
                    acceptPending()
                case Self.wakeToken:
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                default:
                    break
                }
            }
            let (stopping, empty) = state.withLock { ($0.stopping, $0.connections.isEmpty) }
            if stopping && listening {
                listening = false
                // Connections the kernel completed before the stop are served, not reset.
                acceptPending()
                _ = ebauth_epoll_ctl(epollFD, Int32(EBAUTH_EPOLL_CTL_DEL), listenFD, 0, 0)
                Glibc.close(listenFD)
                closeIdleConnections(draining: true)
            }
            if stopping && empty { break }
            let now = MonotonicClock.nowMilliseconds()
            if now - lastSweep >= 1000 {
                lastSweep = now
                closeIdleConnections(draining: false)
            }
        }
        // Level-triggered and never read: every worker waiting or yet to wait sees it and ends.
        var one: UInt64 = 1
        _ = write(stopFD, &one, 8)
    }

    private func acceptPending() {
        while let (fd, address) = Listener.accept(listenFD) {
            Listener.configure(fd, writeTimeoutMilliseconds: configuration.writeTimeout.milliseconds)
            let connection: HTTPConnection? = state.withLock { table in
                guard table.connections.count < configuration.maxConnections else { return nil }
                let id = table.nextID
                table.nextID += 1
                let connection = HTTPConnection(
                    fd: fd, id: id, remoteAddress: address, bufferSize: max(64 * 1024, configuration.maxHeaderBytes * 2)
                )
                connection.pool = pool
                connection.isIdle = true
                connection.idleSince = MonotonicClock.nowMilliseconds()
                table.connections[id] = connection
                return connection
            }
            guard let connection else {
                logger.warning("connection limit reached; refusing", metadata: ["peer": "\(address)"])
                Glibc.close(fd)
                continue
            }
            do {
                try register(
                    fd, token: connection.id, events: UInt32(EBAUTH_EPOLLIN) | UInt32(EBAUTH_EPOLLONESHOT),
                    in: connectionsFD)
            } catch {
                forget(connection)
            }
        }
    }

    /// Waits for an idle connection with bytes (or a closed peer) to serve; nil once stopped.
    private func nextReadyConnection() -> HTTPConnection? {
        var token: UInt64 = 0
        while true {
            let count = ebauth_epoll_wait(connectionsFD, &token, 1, -1)
            if count < 0 {
                if errno == EINTR { continue }
                logger.error("epoll_wait failed", metadata: ["error": "\(SystemError.last("epoll_wait"))"])
                return nil
            }
            if count == 0 { continue }
            if token == Self.stopToken { return nil }
            // A connection closed since its event was queued is no longer in the table.
            let connection: HTTPConnection? = state.withLock { table in
                guard let connection = table.connections[token], connection.isIdle else { return nil }
                connection.isIdle = false
                return connection
            }
            if let connection { return connection }
        }
    }

    /// Closes connections idle past the keep-alive timeout; when draining for shutdown, closes
    /// every idle one that has no request bytes waiting, and leaves those that do to the workers
    /// (they are armed and readable, so a worker wakes for each).
    private func closeIdleConnections(draining: Bool) {
        let now = MonotonicClock.nowMilliseconds()
        let timeout = configuration.keepAliveTimeout.milliseconds
        state.withLock { table in
            for (id, connection) in table.connections where connection.isIdle {
                if let parkedDeadline = connection.parkedDeadline {
                    // A parked partial head or quiet body: kept until its deadline, even while
                    // draining (close() removes a half-received body's spool file).
                    guard now >= parkedDeadline else { continue }
                } else if draining {
                    var byte: UInt8 = 0
                    if recv(connection.fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) > 0 {
                        continue
                    }
                } else if now - connection.idleSince < timeout {
                    continue
                }
                table.connections[id] = nil
                connection.close()
            }
        }
    }

    private func register(_ fd: Int32, token: UInt64, events: UInt32, modify: Bool = false, in set: Int32? = nil) throws
    {
        let operation = modify ? EBAUTH_EPOLL_CTL_MOD : EBAUTH_EPOLL_CTL_ADD
        guard ebauth_epoll_ctl(set ?? epollFD, Int32(operation), fd, events, token) == 0 else {
            throw SystemError.last("epoll_ctl")
        }
    }

    // MARK: Workers

    /// Serves requests on `connection` until it has none ready, then hands it back to epoll.
    private func serve(_ connection: HTTPConnection) {
        while true {
            do {
                // A request whose body was parked resumes where it stopped.
                if connection.pendingBody == nil {
                    guard
                        let head = try connection.readHead(
                            maxBytes: configuration.maxHeaderBytes,
                            timeoutMilliseconds: configuration.headerTimeout.milliseconds,
                            patienceMilliseconds: configuration.headPatience.milliseconds)
                    else {
                        forget(connection)
                        return
                    }
                    try begin(head, on: connection)
                }
                let keepAlive = try finishRequest(on: connection)
                if !keepAlive || isStopping {
                    forget(connection)
                    return
                }
                if connection.hasBufferedBytes { continue }
                rearm(connection)
                return
            } catch is HTTPConnection.WaitForMoreHeadBytes {
                rearm(connection)
                return
            } catch is HTTPConnection.WaitForMoreBodyBytes {
                rearm(connection)
                return
            } catch let error as HTTPParseError {
                answer(error, on: connection)
                return
            } catch {
                logger.debug(
                    "connection closed", metadata: ["peer": "\(connection.remoteAddress)", "error": "\(error)"])
                forget(connection)
                return
            }
        }
    }

    /// Checks a request's framing, says 100 Continue when asked, and starts its body.
    private func begin(_ head: HTTPRequestHead, on connection: HTTPConnection) throws {
        let framing = try head.bodyFraming()
        if case .length(let length) = framing, length > configuration.maxBodyBytes {
            throw HTTPParseError.bodyTooLarge
        }
        if head.expectsContinue && head.version == .http11 && framing != .none && !connection.hasBufferedBytes {
            try connection.writeAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        try connection.beginBody(head, framing: framing, configuration: configuration)
    }

    /// Receives the rest of the current request's body (or parks the connection when its
    /// sender goes quiet), answers it and says whether the connection stays open.
    private func finishRequest(on connection: HTTPConnection) throws -> Bool {
        let (head, body) = try connection.continueBody(
            configuration: configuration, patienceMilliseconds: configuration.headPatience.milliseconds)
        let request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.httpHeaders, body: body,
            remoteAddress: connection.remoteAddress)
        let response = responder.respond(to: request)
        let closeRequested = response.headers["connection"]?.lowercased() == "close"
        let keepAlive = head.keepAlive && !closeRequested && !isStopping
        try ResponseWriter.write(
            response, method: head.method, version: head.version, keepAlive: keepAlive, on: connection)
        return keepAlive
    }

    private func answer(_ error: HTTPParseError, on connection: HTTPConnection) {
        if error != .timeout || connection.hasBufferedBytes {
            let response = configuration.protocolErrorResponse(error)
            try? ResponseWriter.write(response, method: "GET", version: .http11, keepAlive: false, on: connection)
        }
        logger.debug("bad request", metadata: ["peer": "\(connection.remoteAddress)", "error": "\(error)"])
        state.withLock { $0.connections[connection.id] = nil }
        connection.lingeringClose()
        wakeEventLoop()
    }

    private func rearm(_ connection: HTTPConnection) {
        let rearmed = state.withLock { table -> Bool in
            // While stopping, only a request already begun (a parked head or body) may wait.
            guard !table.stopping || connection.parkedDeadline != nil else { return false }
            connection.isIdle = true
            connection.idleSince = MonotonicClock.nowMilliseconds()
            return
                (try? register(
                    connection.fd, token: connection.id,
                    events: UInt32(EBAUTH_EPOLLIN) | UInt32(EBAUTH_EPOLLONESHOT), modify: true, in: connectionsFD))
                != nil
        }
        if !rearmed { forget(connection) }
    }

    private func forget(_ connection: HTTPConnection) {
        state.withLock { $0.connections[connection.id] = nil }
        connection.close()
        wakeEventLoop()
    }

    /// During shutdown the event loop waits for the last connection to go.
    private func wakeEventLoop() {
        if isStopping {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// Lifts the soft open-file limit to the hard one: 256+ clients need more than 1024 fds
    /// once spool files and the database count too.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }
}
