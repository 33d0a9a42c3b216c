import Foundation
import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

/// Big answers for `/bytes` (from memory) and `/file` (sendfile), a small one otherwise.
struct BigAnswerResponder: HTTPResponder {
    let file: String
    static let size = 8 << 20

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/bytes":
            HTTPResponse(status: 200, headers: HTTPHeaders(), bytes: [UInt8](repeating: 0x61, count: Self.size))
        case "/file":
            HTTPResponse(status: 200, headers: HTTPHeaders(), body: .file(path: file, offset: 0, length: Self.size))
        default: HTTPResponse(status: 200, text: "small")
        }
    }
}

@Suite("Clients that read slowly")
struct SlowReaderTests {
    @Test(
        "four clients that never read big answers do not hold the two workers: others are served, and stand-ins retire")
    func slowReadersGetStandIns() throws {
        let file = NSTemporaryDirectory() + "/slow-reader-\(UUID().uuidString)"
        try #require(
            FileManager.default.createFile(
                atPath: file, contents: Data(repeating: 0x62, count: BigAnswerResponder.size)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try TestServer(
            configure: {
                $0.workerCount = 2
                $0.writeTimeout = .seconds(20)
            }, responder: BigAnswerResponder(file: file))
        #expect(server.server.workerThreadCount == 2)

        var slow: [RawClient] = []
        for path in ["/bytes", "/file", "/bytes", "/file"] {
            let client = try RawClient(port: server.port)
            var small: Int32 = 4096
            setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
            try client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
            slow.append(client)
        }
        // Each of them now has a worker waiting on it; the answer to this one must not wait for
        // the write timeout.
        let other = try RawClient(port: server.port, receiveTimeoutSeconds: 5)
        for _ in 0..<3 {
            try other.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try other.readResponse().text == "small")
        }
        #expect(server.server.workerThreadCount > 2)

        // Once the slow clients are gone, the workers that waited on them retire.
        slow.removeAll()
        var threads = server.server.workerThreadCount
        for _ in 0..<200 where threads > 2 {
            try other.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try other.readResponse()
            usleep(20_000)
            threads = server.server.workerThreadCount
        }
        #expect(threads == 2)
    }
}
