import Foundation
import HTTPServer
import Testing

@Suite("Limits, malformed requests and timeouts")
struct LimitTests {
    @Test("a header section over the limit is answered 431 and the connection closes")
    func headersTooLarge() throws {
        let server = try TestServer(configure: { $0.maxHeaderBytes = 4096 })
        let client = try RawClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 8000))\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 431)
        #expect(response.header("connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("a declared body over the maximum is answered 413 without reading it")
    func bodyTooLarge() throws {
        let server = try TestServer(configure: { $0.maxBodyBytes = 1 << 20 })
        let client = try RawClient(port: server.port)
        try client.send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: \(2 << 20)\r\nExpect: 100-continue\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("connection") == "close")
    }

    @Test("a chunked body that grows over the maximum is answered 413")
    func chunkedBodyTooLarge() throws {
        let server = try TestServer(configure: { $0.maxBodyBytes = 1000 })
        let client = try RawClient(port: server.port)
        let chunk = String(repeating: "z", count: 600)
        try client.send(
            "PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
    }

    @Test(
        "malformed requests are answered 400 with Connection: close",
        arguments: [
            "GET /\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\nHost: x\r\n\r\n",
            "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
            "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ])
    func malformedRequests(request: String) throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("an unknown HTTP version is answered 505 and an unknown transfer-coding 501")
    func unsupportedVersionAndCoding() throws {
        let server = try TestServer()
        let first = try RawClient(port: server.port)
        try first.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n")
        #expect(try first.readResponse().status == 505)
        let second = try RawClient(port: server.port)
        try second.send("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        #expect(try second.readResponse().status == 501)
    }

    @Test("a client that sends half a request and goes silent is dropped while others are served")
    func silentClientIsDropped() throws {
        let server = try TestServer(configure: {
            $0.headerTimeout = .milliseconds(800)
            $0.workerCount = 2
        })
        let silent = [try RawClient(port: server.port), try RawClient(port: server.port)]
        for client in silent { try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n") }
        Thread.sleep(forTimeInterval: 0.1)
        // Both workers are held by silent clients, but only until the timeout.
        let healthy = try RawClient(port: server.port)
        try healthy.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try healthy.readResponse().text == "GET /fine 0 1 empty")
        for client in silent {
            #expect(client.isClosedByPeer())
        }
    }

    @Test("more clients dribbling headers than there are workers do not stop others being served")
    func slowHeadsHoldNoWorker() throws {
        let server = try TestServer(configure: {
            $0.headerTimeout = .seconds(5)
            $0.workerCount = 2
        })
        let slow = try (0..<8).map { _ in try RawClient(port: server.port) }
        for client in slow { try client.send("GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ") }
        Thread.sleep(forTimeInterval: 0.3)
        for client in slow { try client.send("a") }
        let healthy = try RawClient(port: server.port, receiveTimeoutSeconds: 2)
        try healthy.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try healthy.readResponse().text == "GET /fine 0 1 empty")
        // A parked head still completes when the rest arrives.
        try slow[0].send("b\r\n\r\n")
        #expect(try slow[0].readResponse().text == "GET /slow 0 1 empty")
    }

    @Test("an idle keep-alive connection is closed after the keep-alive timeout")
    func idleKeepAliveClosed() throws {
        let server = try TestServer(configure: { $0.keepAliveTimeout = .milliseconds(500) })
        let client = try RawClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try client.readResponse()
        #expect(client.isClosedByPeer())
        #expect(server.server.connectionCount == 0)
    }
}
