import Foundation
import HTTPServer
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client that writes raw bytes and parses raw HTTP/1.1 responses, so tests see
/// exactly what a client sees on the wire.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, receiveTimeoutSeconds: Int = 30) throws {
        fd = try TestHTTP.connect(port: port, receiveTimeoutSeconds: receiveTimeoutSeconds)
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
    func readResponse(head: Bool = false) throws -> TestResponse {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let (status, headers) = TestHTTP.parseHead(buffer[0..<end])
                buffer.removeFirst(end + 4)
                var response = TestResponse(status: status, headers: headers, body: [])
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
