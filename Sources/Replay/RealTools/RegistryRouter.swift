import Foundation
import Synchronization

/// A small HTTP forward proxy that real pullers (skopeo, dockerd) use as HTTP_PROXY and
/// HTTPS_PROXY. They are told every registry is insecure, so after the proxy refuses the TLS
/// tunnel (CONNECT) they fall back to plain HTTP with an absolute-form request, which the
/// proxy sends to the port the scenario's routes name for that host, Host header unchanged.
/// One request per connection: the proxy asks the upstream to close, so it never has to parse
/// a response.
public final class RegistryRouter: Sendable {
    public let port: Int
    private let listener: Int32
    private let routes: Mutex<RegistryRoutes?>
    private let stopped = Mutex(false)

    /// Listens on 127.0.0.1:`port` (0: the kernel picks).
    public init(routes: RegistryRoutes? = nil, port requested: Int = 0) throws {
        self.routes = Mutex(routes)
        (listener, port) = try LoopbackSocket.open(port: requested, listen: 128, purpose: "router")
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    public var proxyURL: String { "http://127.0.0.1:\(port)" }

    /// The environment that sends a Go program's registry traffic through this router.
    public var proxyEnvironment: [String: String] {
        [
            "HTTP_PROXY": proxyURL, "HTTPS_PROXY": proxyURL, "http_proxy": proxyURL, "https_proxy": proxyURL,
            "NO_PROXY": "", "no_proxy": "",
        ]
    }

    public func use(_ routes: RegistryRoutes?) { self.routes.withLock { $0 = routes } }

    public func stop() {
        stopped.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            if stopped.withLock({ $0 }) {
                close(client)
                return
            }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        var headEnd: Int?
        while headEnd == nil, buffer.count < 65536 {
            let n = read(client, &chunk, chunk.count)
            guard n > 0 else { break }
            buffer += chunk[0..<n]
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        guard let end = headEnd else {
            close(client)
            return
        }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard requestLine.count == 3 else { return answer(client, 400, "bad request line") }
        let (method, target, version) = (requestLine[0], requestLine[1], requestLine[2])
        if method == "CONNECT" {
            // No TLS here: the puller treats the registry as insecure and retries over HTTP.
            return answer(client, 403, "ebauth's registry router speaks plain HTTP only")
        }
        guard target.hasPrefix("http://"), let url = URLComponents(string: target), let host = url.host else {
            return answer(client, 400, "the router expects absolute-form requests")
        }
        let authority = host + (url.port.map { ":\($0)" } ?? "")
        guard let routes = routes.withLock({ $0 }) else {
            return answer(client, 502, "no scenario is using the router")
        }
        let upstreamPort = routes.port(for: authority)
        let path =
            (url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath)
            + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        var forwarded = ["\(method) \(path) \(version)"]
        var hasHost = false
        for line in lines {
            let name = line.prefix { $0 != ":" }.lowercased()
            if name.hasPrefix("proxy-") || name == "connection" || name == "keep-alive" { continue }
            if name == "host" { hasHost = true }
            forwarded.append(line)
        }
        if !hasHost { forwarded.append("Host: \(authority)") }
        forwarded.append("Connection: close")
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(upstreamPort).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(upstream)
            return answer(client, 502, "registry for \(authority) is not answering on 127.0.0.1:\(upstreamPort)")
        }
        let rewritten = Array((forwarded.joined(separator: "\r\n") + "\r\n\r\n").utf8) + buffer[(end + 4)...]
        guard Self.writeAll(upstream, rewritten) else {
            close(upstream)
            close(client)
            return
        }
        // The request body (if any) flows on while the answer comes back.
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Self.pump(from: client, to: upstream)
            done.signal()
        }
        Self.pump(from: upstream, to: client)
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(upstream, Int32(SHUT_RDWR))
        done.wait()
        close(client)
        close(upstream)
    }

    private func answer(_ client: Int32, _ status: Int, _ text: String) {
        let reason = [400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"][status] ?? "Error"
        let body = text + "\n"
        _ = Self.writeAll(
            client,
            Array(
                "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                    .utf8))
        close(client)
    }

    static func pump(from source: Int32, to destination: Int32) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(source, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0, writeAll(destination, Array(chunk[0..<n])) else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
