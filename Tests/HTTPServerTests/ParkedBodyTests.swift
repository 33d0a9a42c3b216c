import Foundation
import HTTPServer
import Testing

/// Bodies whose senders go quiet are parked in epoll like partial heads: no worker waits on
/// them, they resume where they stopped, and one that never finishes leaves nothing behind.
@Suite("Parked request bodies")
struct ParkedBodyTests {
    func checksum(_ bytes: [UInt8]) -> String {
        var sum = BodyChecksum()
        bytes.withUnsafeBytes { sum.update($0) }
        return "\(sum.count) \(sum.value)"
    }

    func makeSpoolDirectory() throws -> String {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("parked-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        return spool
    }

    @Test("more stalled uploads than workers do not stop others being served, and each completes later")
    func stalledBodiesHoldNoWorker() throws {
        let server = try TestServer(configure: {
            $0.bodyIdleTimeout = .seconds(20)
            $0.workerCount = 2
        })
        let body = Array("0123456789".utf8)
        let slow = try (0..<6).map { _ in try RawClient(port: server.port) }
        for client in slow { try client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n012") }
        Thread.sleep(forTimeInterval: 0.3)
        // Well inside the body idle timeout: only a server whose workers are free answers.
        let healthy = try RawClient(port: server.port, receiveTimeoutSeconds: 5)
        try healthy.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try healthy.readResponse().text == "GET /fine 0 1 empty")
        for client in slow {
            try client.send("3456")
            Thread.sleep(forTimeInterval: 0.15)
            try client.send("789")
        }
        for client in slow {
            #expect(try client.readResponse().text == "PUT /upload \(checksum(body)) memory")
        }
    }

    @Test("a chunked body parked mid-chunk resumes and keeps every byte, with the next request after it")
    func chunkedBodyResumes() throws {
        let server = try TestServer(configure: { $0.workerCount = 1 })
        let client = try RawClient(port: server.port)
        try client.send("PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
        Thread.sleep(forTimeInterval: 0.3)
        try client.send("lo\r\n6\r\n wor")
        Thread.sleep(forTimeInterval: 0.3)
        try client.send("ld\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "PUT /c \(checksum(Array("hello world".utf8))) memory")
        #expect(try client.readResponse().text == "GET /next 0 1 empty")
    }

    @Test("a spooled body parked halfway completes byte for byte")
    func spooledBodyResumes() throws {
        let spool = try makeSpoolDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let server = try TestServer(configure: {
            $0.workerCount = 1
            $0.spoolDirectory = spool
            $0.memoryBodyThreshold = 1024
        })
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let client = try RawClient(port: server.port)
        try client.send("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
        try client.send(Array(body[..<150_000]))
        Thread.sleep(forTimeInterval: 0.4)
        try client.send(Array(body[150_000...]))
        #expect(try client.readResponse().text == "PUT /big \(checksum(body)) file")
    }

    @Test("a body that stays quiet past the idle timeout is dropped with its spool file")
    func quietBodyIsDropped() throws {
        let spool = try makeSpoolDirectory()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let server = try TestServer(configure: {
            $0.workerCount = 1
            $0.spoolDirectory = spool
            $0.memoryBodyThreshold = 1024
            $0.bodyIdleTimeout = .milliseconds(600)
        })
        let client = try RawClient(port: server.port)
        try client.send("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
        try client.send([UInt8](repeating: 1, count: 50_000))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 1)
        #expect(client.isClosedByPeer())
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty)
        #expect(server.server.connectionCount == 0)
    }
}
