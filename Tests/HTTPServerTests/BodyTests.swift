import Foundation
import HTTPServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Request bodies")
struct BodyTests {
    @Test("a chunked body is decoded and small bodies stay in memory")
    func chunkedSmallBody() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        try client.send(
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n"
        )
        var expected = BodyChecksum()
        Array("hello world".utf8).withUnsafeBytes { expected.update($0) }
        let response = try client.readResponse()
        #expect(response.text == "POST /c 11 \(expected.value) memory")
    }

    @Test("a body over the memory threshold is spooled to a file and removed afterwards")
    func largeBodySpooledAndRemoved() throws {
        let spool = NSTemporaryDirectory() + "spool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let server = try TestServer(configure: { $0.spoolDirectory = spool })
        let client = try RawClient(port: server.port)
        let body = [UInt8]((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try client.send("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
        try client.send(body)
        let response = try client.readResponse()
        var expected = BodyChecksum()
        body.withUnsafeBytes { expected.update($0) }
        #expect(response.text == "PUT /big \(body.count) \(expected.value) file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
    }

    /// The memory bound is measured on the server process in Tests/clients/test_http_memory.py:
    /// here other suites run in the same process at the same time, so its RSS says nothing.
    @Test("a 200 MiB chunked upload arrives whole, spooled to a file")
    func hugeChunkedUploadStreams() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port, receiveTimeoutSeconds: 120)
        let block = [UInt8]((0..<(256 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        var expected = BodyChecksum()
        let blocks = 800  // 200 MiB
        try client.send("PUT /huge HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let framed = Array(String(block.count, radix: 16).utf8) + [13, 10] + block + [13, 10]
        for _ in 0..<blocks {
            block.withUnsafeBytes { expected.update($0) }
            try client.send(framed)
        }
        try client.send("0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.text == "PUT /huge \(blocks * block.count) \(expected.value) file")
    }
}
