import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over a socket, so tests control every header (Host
/// included) and see exactly what arrives. One connection per request, closed by the server.
public enum TestHTTP {
    public static func send(
        port: Int, method: String, path: String, host: String, headers: [(String, String)], body: [UInt8]
    ) throws -> TestResponse {
        let fd = try connect(port: port)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(fd, Array(head.utf8) + body)
        return try parse(try readToEnd(fd))
    }

    /// A connected loopback socket whose reads give up after `receiveTimeoutSeconds`.
    public static func connect(port: Int, receiveTimeoutSeconds: Int = 30) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw TestFailure("connect to port \(port) failed: errno \(errno)")
        }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            // A server that refuses the request early (431, 413) may close before reading it all;
            // what it answered is still there to read.
            if n < 0, errno == EPIPE || errno == ECONNRESET { return }
            guard n > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += n
        }
    }

    private static func readToEnd(_ fd: Int32) throws -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                // A server that answers before reading the whole body may reset once it has.
                if errno == ECONNRESET, !received.isEmpty { break }
                throw TestFailure("recv failed: errno \(errno)")
            }
            if n == 0 { return received }
            received += chunk[0..<n]
        }
        return received
    }

    private static func parse(_ received: [UInt8]) throws -> TestResponse {
        guard let end = (0..<max(received.count - 3, 0)).first(where: { received[$0..<$0 + 4] == [13, 10, 13, 10] })
        else { throw TestFailure("no response head") }
        let (status, fields) = parseHead(received[0..<end])
        return TestResponse(status: status, headers: fields, body: Array(received[(end + 4)...]))
    }

    /// The status and header fields of a response head, without its blank line.
    public static func parseHead(_ head: ArraySlice<UInt8>) -> (status: Int, headers: [(String, String)]) {
        var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1])!
        let fields = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return (status, fields)
    }
}
