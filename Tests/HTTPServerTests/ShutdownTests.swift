import Foundation
import HTTPServer
import Logging
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

@Suite("Stopped servers are released")
struct ServerReleaseTests {
    final class Responder: HTTPResponder, Sendable {
        func respond(to request: HTTPRequest) -> HTTPResponse { HTTPResponse(status: 204) }
    }

    /// Found by AddressSanitizer's leak check: the server kept its threads, each thread its closure,
    /// each closure the server, so no server (nor the router, database and services behind its
    /// responder) was ever freed once stopped.
    @Test("once stopped and waited for, a server and its responder are freed")
    func stoppedServerIsFreed() throws {
        weak var released: Responder?
        weak var releasedServer: HTTPServer?
        try {
            let responder = Responder()
            released = responder
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configuration.workerCount = 2
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
            releasedServer = server
            try server.start()
            let client = try RawClient(port: server.port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().status == 204)
            server.stop()
            server.wait()
        }()
        // The threads drop their last reference as they return, just after wait(); allow them to.
        for _ in 0..<200 where releasedServer != nil { Thread.sleep(forTimeInterval: 0.05) }
        #expect(releasedServer == nil)
        #expect(released == nil)
    }
}
