import Foundation
import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client that writes raw bytes and parses raw HTTP/1.1 responses, so tests see
/// exactly what a client sees on the wire.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init(port: Int, receiveTimeoutSeconds: Int = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw SystemError(call: "connect", errno: errno) }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try send($0) }
    }

    func send(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            guard n > 0 else { throw SystemError(call: "send", errno: errno) }
            offset += n
        }
    }

    /// Reads one response; `head` says the request was HEAD, so no body follows.
    func readResponse(head: Bool = false) throws -> Response {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let headText = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                var lines = headText.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                let status = Int(statusLine[1])!
                let headers = lines.map { line -> (String, String) in
                    let colon = line.firstIndex(of: ":")!
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                var response = Response(status: status, headers: headers, body: [])
                if status == 100 { return response }
                let length = head ? 0 : Int(response.header("content-length") ?? "0")!
                while buffer.count < length {
                    guard try receive() else { throw SystemError(call: "recv (body)", errno: ECONNRESET) }
                }
                response.body = Array(buffer[0..<length])
                buffer.removeFirst(length)
                return response
            }
            guard try receive() else { throw SystemError(call: "recv (head)", errno: ECONNRESET) }
        }
    }

    /// True when the server has closed the connection (reads end of stream).
    /// Reads (and drops) whatever else the server sends, such as a 408, until it closes.
    func isClosedByPeer() -> Bool {
        while true {
            guard let more = try? receive() else { return false }
            if !more { return true }
        }
    }

    private func receive() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == ECONNRESET { return false }
            throw SystemError(call: "recv", errno: errno)
        }
        if n == 0 { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for index in 0...(buffer.count - needle.count) where buffer[index] == needle[0] {
            if Array(buffer[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
