import Foundation
import HTTPServer
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("stop during 64 in-flight requests answers every one completely, then the server ends")
    func inFlightRequestsFinish() throws {
        let server = try TestServer(configure: { $0.workerCount = 16 })
        let clients = try (0..<64).map { _ in try RawClient(port: server.port) }
        for (index, client) in clients.enumerated() {
            try client.send("PUT /f/\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234")
        }
        Thread.sleep(forTimeInterval: 0.2)
        let idle = try RawClient(port: server.port)
        Thread.sleep(forTimeInterval: 0.1)
        server.server.stop()
        Thread.sleep(forTimeInterval: 0.2)
        for client in clients { try client.send("56789") }
        for (index, client) in clients.enumerated() {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text.hasPrefix("PUT /f/\(index) 10 "))
            #expect(response.header("connection") == "close")
        }
        #expect(idle.isClosedByPeer())
        server.server.wait()
        #expect(throws: (any Error).self) { try RawClient(port: server.port) }
    }
}
