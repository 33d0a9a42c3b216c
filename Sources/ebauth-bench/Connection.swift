import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 request, its head already rendered; the body is sent after it.
struct Request: Sendable {
    var head: [UInt8]
    var body: [UInt8]
    var bodyFile: String? = nil
    var bodyFileSize: Int = 0
}

struct Response {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var bodyBytes: Int

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
    var text: String { String(decoding: body, as: UTF8.self) }
}

enum ConnectionError: Error, CustomStringConvertible {
    case connect(Int32), closed, malformed(String)
    var description: String {
        switch self {
        case .connect(let e): "connect failed: errno \(e)"
        case .closed: "connection closed by the server"
        case .malformed(let what): "malformed response: \(what)"
        }
    }
}

/// A keep-alive HTTP/1.1 client connection over a raw socket: reconnects when the server closes
/// (moto closes every connection) and counts the reconnects.
final class Connection {
    let port: UInt16
    private var fd: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)
    private var start = 0, end = 0
    private(set) var connects = 0

    init(port: Int) { self.port = UInt16(port) }
    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        start = 0; end = 0
    }

    private func open() throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw ConnectionError.connect(errno) }
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { let e = errno; Glibc.close(s); throw ConnectionError.connect(e) }
        fd = s
        connects += 1
    }

    /// Sends the request and reads the whole answer; with `keepBody` false the body is counted,
    /// not kept (large objects).
    func send(_ request: Request, keepBody: Bool = true, isHead: Bool = false) throws -> Response {
        // A server may have closed an idle connection: retry once on a fresh one when nothing came back.
        if fd < 0 { try open() }
        do {
            return try exchange(request, keepBody: keepBody, isHead: isHead)
        } catch ConnectionError.closed {
            close()
            try open()
            return try exchange(request, keepBody: keepBody, isHead: isHead)
        }
    }

    private func exchange(_ request: Request, keepBody: Bool, isHead: Bool) throws -> Response {
        if request.body.isEmpty && request.bodyFile == nil {
            try write(request.head)
        } else if request.body.count <= 64 * 1024 {
            try write(request.head + request.body)
        } else {
            try write(request.head)
            try write(request.body)
        }
        if let path = request.bodyFile { try writeFile(path, size: request.bodyFileSize) }
        return try readResponse(keepBody: keepBody, isHead: isHead)
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; throw ConnectionError.closed }
            offset += n
        }
    }

    private func writeFile(_ path: String, size: Int) throws {
        let file = Glibc.open(path, O_RDONLY)
        guard file >= 0 else { throw ConnectionError.malformed("cannot open \(path)") }
        defer { Glibc.close(file) }
        var offset: off_t = 0
        while offset < size {
            let n = sendfile(fd, file, &offset, size - Int(offset))
            if n <= 0 { if n < 0 && errno == EINTR { continue }; throw ConnectionError.closed }
        }
    }

    private func fill() throws -> Bool {
        if start == end { start = 0; end = 0 }
        if end == buffer.count {
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + start, end - start)
                }
                end -= start; start = 0
            } else {
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
        }
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + end, $0.count - end, 0) }
            if n > 0 { end += n; return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    private func readLine() throws -> String? {
        while true {
            if let i = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = i
                if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
                start = i + 1
                return line
            }
            guard try fill() else { return nil }
        }
    }

    private func readBody(_ count: Int, keep: Bool, into body: inout [UInt8]) throws {
        var remaining = count
        while remaining > 0 {
            if start == end {
                // Large bodies go straight from the socket; only counted when not kept.
                if !keep && remaining >= 64 * 1024 {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, min($0.count, remaining), 0) }
                    if n > 0 { remaining -= n; continue }
                    if n < 0 && errno == EINTR { continue }
                    throw ConnectionError.malformed("body cut short")
                }
                guard try fill() else { throw ConnectionError.malformed("body cut short") }
            }
            let take = min(remaining, end - start)
            if keep { body.append(contentsOf: buffer[start..<(start + take)]) }
            start += take
            remaining -= take
        }
    }

    private func readResponse(keepBody: Bool, isHead: Bool) throws -> Response {
        guard let statusLine = try readLine() else { throw ConnectionError.closed }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ConnectionError.malformed(statusLine) }
        var headers: [(String, String)] = []
        var length: Int? = nil
        var chunked = false
        var closeAfter = false
        while true {
            guard let line = try readLine() else { throw ConnectionError.malformed("headers cut short") }
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
            switch name.lowercased() {
            case "content-length": length = Int(value)
            case "transfer-encoding": chunked = value.lowercased().contains("chunked")
            case "connection": closeAfter = value.lowercased().contains("close")
            default: break
            }
        }
        var body: [UInt8] = []
        var total = 0
        if isHead || status == 204 || status == 304 {
        } else if chunked {
            while true {
                guard let sizeLine = try readLine(),
                    let size = Int(sizeLine.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), radix: 16)
                else {
                    throw ConnectionError.malformed("chunk size")
                }
                if size == 0 {
                    while let trailer = try readLine(), !trailer.isEmpty {}
                    break
                }
                try readBody(size, keep: keepBody, into: &body)
                total += size
                _ = try readLine()
            }
        } else if let length {
            try readBody(length, keep: keepBody, into: &body)
            total = length
        } else {
            // Until the server closes.
            while try fill() {}
            if keepBody { body.append(contentsOf: buffer[start..<end]) }
            total = end - start
            closeAfter = true
        }
        if closeAfter { close() }
        return Response(status: status, headers: headers, body: body, bodyBytes: total)
    }
}

/// Renders a request head.
func renderHead(method: String, target: String, headers: [(String, String)], contentLength: Int?) -> [UInt8] {
    var text = "\(method) \(target) HTTP/1.1\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
    text += "\r\n"
    return Array(text.utf8)
}
