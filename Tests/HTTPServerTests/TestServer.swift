import Foundation
import HTTPServer
import Logging

/// Starts an `HTTPServer` on a free loopback port for one test and stops it afterwards.
final class TestServer {
    let server: HTTPServer
    var port: Int { server.port }

    init(configure: (inout HTTPServerConfiguration) -> Void = { _ in }, responder: any HTTPResponder = EchoResponder())
        throws
    {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.workerCount = 8
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
        try server.start()
    }

    func shutDown() {
        server.stop()
        server.wait()
    }

    deinit { shutDown() }
}

/// Answers with the method, path, body length and a checksum of the body, so tests can tell
/// the server received every byte.
struct EchoResponder: HTTPResponder {
    func respond(to request: HTTPRequest) -> HTTPResponse {
        var checksum = BodyChecksum()
        do {
            try request.body.forEachChunk { checksum.update($0) }
        } catch {
            return HTTPResponse(status: 500, text: "\(error)")
        }
        let kind: String
        switch request.body {
        case .empty: kind = "empty"
        case .bytes: kind = "memory"
        case .file: kind = "file"
        }
        return HTTPResponse(
            status: 200, text: "\(request.method) \(request.path) \(checksum.count) \(checksum.value) \(kind)")
    }
}

/// A cheap position-sensitive checksum (Fletcher-like), enough to catch lost or reordered bytes.
struct BodyChecksum {
    var a: UInt64 = 1
    var b: UInt64 = 0
    var count = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            a = (a &+ UInt64(byte)) % 65521
            b = (b &+ a) % 65521
        }
        count += bytes.count
    }

    var value: UInt64 { b << 16 | a }
}
