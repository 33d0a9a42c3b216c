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
    /// When the head being received must be complete: set by its first byte, cleared when it
    /// is. A connection parked with a partial head is closed by the event loop past it.
    var headDeadline: Int?

    /// Thrown when a head is incomplete and its sender has gone quiet: the worker hands the
    /// connection back to epoll instead of waiting, so slow senders hold no thread.
    struct WaitForMoreHeadBytes: Error {}

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
                let bytes = Array(UnsafeRawBufferPointer(rebasing: buffer[readIndex..<end]))
                readIndex = end + 4
                headDeadline = nil
                return try HTTPHeadParser.parse(bytes[...])
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

    /// Reads the body framed as `framing` into memory or a spool file.
    func readBody(
        framing: HTTPRequestHead.BodyFraming, configuration: HTTPServerConfiguration
    ) throws -> HTTPBody {
        var sink = BodySink(
            threshold: configuration.memoryBodyThreshold, maximum: configuration.maxBodyBytes,
            directory: configuration.spoolDirectory)
        do {
            return try readBody(framing: framing, into: &sink, configuration: configuration)
        } catch {
            sink.discard()
            throw error
        }
    }

    private func readBody(
        framing: HTTPRequestHead.BodyFraming, into sink: inout BodySink, configuration: HTTPServerConfiguration
    ) throws -> HTTPBody {
        let idle = configuration.bodyIdleTimeout.milliseconds
        switch framing {
        case .none:
            return .empty
        case .length(let length):
            guard length <= configuration.maxBodyBytes else { throw HTTPParseError.bodyTooLarge }
            sink.expect(length)
            var remaining = length
            while remaining > 0 {
                if !hasBufferedBytes {
                    guard try fill(deadline: MonotonicClock.nowMilliseconds() + idle) else {
                        throw HTTPParseError.truncatedBody
                    }
                }
                let take = min(remaining, writeIndex - readIndex)
                try sink.append(UnsafeRawBufferPointer(rebasing: buffer[readIndex..<(readIndex + take)]))
                readIndex += take
                remaining -= take
            }
        case .chunked:
            var decoder = ChunkedDecoder()
            while !decoder.isComplete {
                if !hasBufferedBytes {
                    guard try fill(deadline: MonotonicClock.nowMilliseconds() + idle) else {
                        throw HTTPParseError.truncatedBody
                    }
                }
                let consumed = try decoder.decode(
                    UnsafeRawBufferPointer(rebasing: buffer[readIndex..<writeIndex])
                ) { try sink.append($0) }
                readIndex += consumed
            }
        }
        return try sink.finish()
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
        while offset < bytes.count {
            let n = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("send")
            }
            offset += n
        }
    }

    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Sends `length` bytes of a file from `offset` without copying them through user space.
    func sendFile(path: String, offset: Int, length: Int) throws {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw SystemError.last("open") }
        defer { Glibc.close(file) }
        var position = off_t(offset)
        var remaining = length
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
        Glibc.close(fd)
    }
}
