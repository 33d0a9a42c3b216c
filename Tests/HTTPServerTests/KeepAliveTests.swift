import Foundation
import HTTPServer
import Testing

@Suite("Keep-alive, pipelining and HTTP/1.0")
struct KeepAliveTests {
    @Test("10,000 requests on one keep-alive connection are all answered")
    func tenThousandRequestsOnOneConnection() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        for index in 0..<10_000 {
            try client.send("GET /item/\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            if response.text != "GET /item/\(index) 0 1 empty" {
                Issue.record("request \(index) answered \(response.text)")
                return
            }
        }
        #expect(server.server.connectionCount == 1)
    }

    @Test("pipelined requests are answered in the order they were sent")
    func pipelinedRequestsInOrder() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        var batch = ""
        for index in 0..<50 {
            batch += "PUT /p/\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: \(String(index).count)\r\n\r\n\(index)"
        }
        try client.send(batch)
        for index in 0..<50 {
            let response = try client.readResponse()
            #expect(response.text.hasPrefix("PUT /p/\(index) \(String(index).count) "))
        }
    }

    @Test("HTTP/1.0 without keep-alive gets Connection: close and the socket is closed")
    func http10ClosesByDefault() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        try client.send("GET /old HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("HTTP/1.0 with Connection: keep-alive stays open")
    func http10KeepAlive() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        for _ in 0..<3 {
            try client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("connection") == "keep-alive")
        }
    }

    @Test("HEAD answers carry Content-Length but no body")
    func headHasNoBody() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        try client.send("HEAD /thing HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(head: true)
        #expect(head.header("content-length") == String("HEAD /thing 0 1 empty".utf8.count))
        let next = try client.readResponse()
        #expect(next.text == "GET /next 0 1 empty")
    }

    @Test("Expect: 100-continue gets an interim 100 before the body is sent")
    func expectContinue() throws {
        let server = try TestServer()
        let client = try RawClient(port: server.port)
        try client.send("PUT /obj HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("hello")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("PUT /obj 5 "))
    }
}
