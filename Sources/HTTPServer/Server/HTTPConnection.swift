import CSystemShims

#if canImport(Glibc)
    import Glibc
#endif

/// One accepted socket and its read buffer. Owned by one worker at a time; never shared.
final class HTTPConnection: @unchecked Sendable {
    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    /// Set by the event loop when the connection goes back to waiting; read by the idle sweep.
    var idleSince = 0
    var isIdle = false
    /// The server's workers, asked for a stand-in before a write that waits on the client.
    var pool: WorkerPool?
    /// Files up to this size are sent without a stand-in (they fit the socket's send buffer).
    static let sendBufferEstimate = 256 * 1024
    /// When the head being received must be complete: set by its first byte, cleared when it
    /// is. A connection parked with a partial head is closed by the event loop past it.
    var headDeadline: Int?

    /// Thrown when a head is incomplete and its sender has gone quiet: the worker hands the
    /// connection back to epoll instead of waiting, so slow senders hold no thread.
    struct WaitForMoreHeadBytes: Error {}

    /// Thrown when a body is incomplete and its sender has gone quiet: the request so far
    /// stays in `pendingBody` and the connection goes back to epoll, like a partial head.
    struct WaitForMoreBodyBytes: Error {}

    /// A request whose body is being received: its head, how much is left, and the bytes so
    /// far (in memory or a spool file).
    struct PendingBody {
        enum Progress {
            case length(remaining: Int)
            case chunked(ChunkedDecoder)
        }

        var head: HTTPRequestHead
        var progress: Progress
        var sink: BodySink
        /// When the body's sender has been quiet too long; moved on by every byte received.
        var idleDeadline: Int
    }

    /// The body being received, when a worker handed the connection back mid-body.
    var pendingBody: PendingBody?

    /// A parked connection's deadline: its partial head's or its quiet body's.
    var parkedDeadline: Int? { headDeadline ?? pendingBody?.idleDeadline }

    private let buffer: UnsafeMutableRawBufferPointer
    private var readIndex = 0
    private var writeIndex = 0

    init(fd: Int32, id: UInt64, remoteAddress: String, bufferSize: Int) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    var hasBufferedBytes: Bool { writeIndex > readIndex }

    // MARK: Reading

    /// Reads up to the blank line that ends a request head. Nil means the peer closed cleanly
    /// between requests. Throws `WaitForMoreHeadBytes` when no byte came for `patience`.
    func readHead(maxBytes: Int, timeoutMilliseconds: Int, patienceMilliseconds: Int) throws -> HTTPRequestHead? {
        // Offset from readIndex already searched; relative because `fill` may move the bytes.
        var scanned = 0
        while true {
            // Blank lines before a request line are ignored (RFC 9112 §2.2).
            while writeIndex - readIndex >= 2, buffer[readIndex] == 13, buffer[readIndex + 1] == 10 {
                readIndex += 2
                scanned = 0
            }
            // A request starts with a method token. Anything else (a TLS ClientHello starts with
            // 0x16) is refused at once, not after the header timeout, so clients that try HTTPS
            // first (skopeo, docker with an insecure registry) fall back to HTTP without waiting.
            if writeIndex > readIndex, buffer[readIndex] != 13, buffer[readIndex] != 10,
                !HTTPHeadParser.isTokenByte(buffer[readIndex])
            {
                throw HTTPParseError.malformedRequestLine
            }
            if let end = findHeadEnd(from: readIndex + scanned) {
                guard end - readIndex <= maxBytes else { throw HTTPParseError.headersTooLarge }
                let head = UnsafeRawBufferPointer(rebasing: buffer[readIndex..<end]).withMemoryRebound(to: UInt8.self) {
                    bytes -> Result<HTTPRequestHead, HTTPParseError> in
                    do throws(HTTPParseError) { return .success(try HTTPHeadParser.parse(buffer: bytes)) } catch {
                        return .failure(error)
                    }
                }
                readIndex = end + 4
                headDeadline = nil
                return try head.get()
            }
            scanned = max(0, writeIndex - readIndex - 3)
            if writeIndex - readIndex >= maxBytes { throw HTTPParseError.headersTooLarge }
            let now = MonotonicClock.nowMilliseconds()
            let wasEmpty = writeIndex == readIndex
            if !wasEmpty && headDeadline == nil { headDeadline = now + timeoutMilliseconds }
            let limit = headDeadline ?? now + timeoutMilliseconds
            do {
                guard try fill(deadline: min(limit, now + patienceMilliseconds)) else {
                    if wasEmpty { return nil }
                    throw HTTPParseError.malformedRequestLine
                }
            } catch HTTPParseError.timeout where MonotonicClock.nowMilliseconds() < limit {
                throw WaitForMoreHeadBytes()
            }
        }
    }

    private func findHeadEnd(from start: Int) -> Int? {
        var index = max(start, readIndex)
        while index + 3 < writeIndex {
            if buffer[index + 3] != 10 {
                index += buffer[index + 3] == 13 ? 1 : 4
                continue
            }
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Starts receiving the body of `head` (framed as `framing`): the request becomes this
    /// connection's `pendingBody` until `continueBody` finishes it.
    func beginBody(
        _ head: HTTPRequestHead, framing: HTTPRequestHead.BodyFraming, configuration: HTTPServerConfiguration
    ) throws {
        var sink = BodySink(
            threshold: configuration.memoryBodyThreshold, maximum: configuration.maxBodyBytes,
            directory: configuration.spoolDirectory)
        let progress: PendingBody.Progress
        switch framing {
        case .none:
            progress = .length(remaining: 0)
        case .length(let length):
            guard length <= configuration.maxBodyBytes else { throw HTTPParseError.bodyTooLarge }
            sink.expect(length)
            progress = .length(remaining: length)
        case .chunked:
            progress = .chunked(ChunkedDecoder())
        }
        pendingBody = PendingBody(
            head: head, progress: progress, sink: sink,
            idleDeadline: MonotonicClock.nowMilliseconds() + configuration.bodyIdleTimeout.milliseconds)
    }

    /// Receives the pending body. Returns the request's head and body once complete; throws
    /// `WaitForMoreBodyBytes` when no byte came for `patience` (the progress is kept), and
    /// discards what was received on any other error.
    func continueBody(configuration: HTTPServerConfiguration, patienceMilliseconds: Int) throws -> (
        HTTPRequestHead, HTTPBody
    ) {
        guard var pending = pendingBody else { throw HTTPParseError.truncatedBody }
        pendingBody = nil
        let idle = configuration.bodyIdleTimeout.milliseconds
        do {
            while true {
                switch pending.progress {
                case .length(let remaining):
                    if remaining == 0 { return (pending.head, try pending.sink.finish()) }
                    if hasBufferedBytes {
                        let take = min(remaining, writeIndex - readIndex)
                        try pending.sink.append(
                            UnsafeRawBufferPointer(rebasing: buffer[readIndex..<(readIndex + take)]))
                        readIndex += take
                        pending.progress = .length(remaining: remaining - take)
                        continue
                    }
                case .chunked(var decoder):
                    if decoder.isComplete { return (pending.head, try pending.sink.finish()) }
                    if hasBufferedBytes {
                        var sink = pending.sink
                        let consumed = try decoder.decode(
                            UnsafeRawBufferPointer(rebasing: buffer[readIndex..<writeIndex])
                        ) {
                            try sink.append($0)
                        }
                        pending.sink = sink
                        readIndex += consumed
                        pending.progress = .chunked(decoder)
                        // A decoder that needs more bytes than are buffered says so by taking none.
                        if consumed > 0 || decoder.isComplete { continue }
                    }
                }
                let now = MonotonicClock.nowMilliseconds()
                do {
                    guard try fill(deadline: min(pending.idleDeadline, now + patienceMilliseconds)) else {
                        throw HTTPParseError.truncatedBody
                    }
                    pending.idleDeadline = MonotonicClock.nowMilliseconds() + idle
                } catch HTTPParseError.timeout where MonotonicClock.nowMilliseconds() < pending.idleDeadline {
                    pendingBody = pending
                    throw WaitForMoreBodyBytes()
                }
            }
        } catch let wait as WaitForMoreBodyBytes {
            throw wait
        } catch {
            pending.sink.discard()
            throw error
        }
    }

    /// Drops a pending body (its spool file too): the connection is being closed.
    func discardPendingBody() {
        pendingBody?.sink.discard()
        pendingBody = nil
    }

    /// Receives more bytes. False at end of stream; throws `.timeout` past the deadline.
    private func fill(deadline: Int) throws -> Bool {
        if readIndex == writeIndex {
            readIndex = 0
            writeIndex = 0
        } else if writeIndex == buffer.count {
            // Move the unread tail to the front so the next read has room.
            let count = writeIndex - readIndex
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + readIndex, byteCount: count)
            readIndex = 0
            writeIndex = count
        }
        // Bytes are usually there already (epoll said so): try once without waiting, and poll
        // only when the socket is empty. One system call per request fewer.
        let n = recv(fd, buffer.baseAddress! + writeIndex, buffer.count - writeIndex, Int32(MSG_DONTWAIT))
        if n > 0 {
            writeIndex += n
            return true
        }
        if n == 0 { return false }
        if errno == ECONNRESET { return false }
        guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { throw SystemError.last("recv") }
        while true {
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            guard remaining > 0 else { throw HTTPParseError.timeout }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(remaining, Int(Int32.max))))
            if ready < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("poll")
            }
            if ready == 0 { continue }
            let n = recv(fd, buffer.baseAddress! + writeIndex, buffer.count - writeIndex, 0)
            if n > 0 {
                writeIndex += n
                return true
            }
            if n == 0 { return false }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == ECONNRESET { return false }
            throw SystemError.last("recv")
        }
    }

    // MARK: Writing

    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        // First without waiting: when the client's buffer is full, the worker is about to wait on
        // it (up to the write timeout) and asks the pool for a stand-in first.
        var waiting = false
        defer { if waiting { pool?.didWaitOnPeer() } }
        while offset < bytes.count {
            let flags = waiting ? Int32(MSG_NOSIGNAL) : Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
            let n = send(fd, bytes.baseAddress! + offset, bytes.count - offset, flags)
            if n < 0 {
                if errno == EINTR { continue }
                if !waiting && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    waiting = true
                    pool?.willWaitOnPeer()
                    continue
                }
                throw SystemError.last("send")
            }
            offset += n
        }
    }

    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// TCP_CORK: while set, only full segments leave; clearing it sends what is queued.
    func cork(_ on: Bool) {
        var value: Int32 = on ? 1 : 0
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends `length` bytes of a file from `offset` without copying them through user space.
    func sendFile(path: String, offset: Int, length: Int) throws {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw SystemError.last("open") }
        defer { Glibc.close(file) }
        var position = off_t(offset)
        var remaining = length
        // More than a socket buffer holds: the worker will wait on the client's reading.
        let waits = length > Self.sendBufferEstimate
        if waits { pool?.willWaitOnPeer() }
        defer { if waits { pool?.didWaitOnPeer() } }
        while remaining > 0 {
            let n = ebauth_sendfile(fd, file, &position, min(remaining, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("sendfile")
            }
            if n == 0 { throw SystemError(call: "sendfile", errno: EIO) }
            remaining -= n
        }
    }

    /// Closes after an error answer without resetting the peer: stop sending, then discard what
    /// it still sends for a moment, so it reads our response before it sees the close.
    func lingeringClose() {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = MonotonicClock.nowMilliseconds() + 500
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var discarded = 0
        while discarded < 4 << 20 {
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            if remaining <= 0 { break }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, Int32(remaining)) <= 0 { break }
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            discarded += n
        }
        Glibc.close(fd)
    }

    func close() {
        discardPendingBody()
        Glibc.close(fd)
    }
}
