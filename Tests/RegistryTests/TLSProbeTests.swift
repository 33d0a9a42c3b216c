import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// skopeo and docker try HTTPS first on an insecure registry and fall back to HTTP only when the
/// handshake fails; the server must refuse a TLS ClientHello at once, not after its 30-second
/// header timeout (this covers a small change in HTTPServer's HTTPConnection.readHead).
@Suite("HTTPS probes")
struct TLSProbeTests {
    @Test("a TLS ClientHello is answered 400 at once, so HTTPS-first clients fall back quickly")
    func clientHello() throws {
        let server = try openRegistry()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(server.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // The start of a ClientHello record: handshake (0x16), TLS 1.0 record version, length.
        let hello: [UInt8] =
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + [UInt8](repeating: 0x42, count: 40)
        let started = Date()
        _ = hello.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        #expect(count > 0)
        #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).hasPrefix("HTTP/1.1 400"))
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
