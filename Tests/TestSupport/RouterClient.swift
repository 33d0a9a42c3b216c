import Foundation
import HTTPServer

/// A responder (a `ServiceRouter` a harness built) called in-process, no sockets: the answer
/// as the server would write it, with Content-Length and without a body for HEAD.
public struct RouterClient: HTTPTestTarget {
    public let responder: any HTTPResponder

    public init(_ responder: any HTTPResponder) {
        self.responder = responder
    }

    public func exchange(
        _ method: String, _ target: String, host: String, headers: [(String, String)], body: [UInt8]
    ) throws -> TestResponse {
        let request = HTTPRequest(
            method: method, target: target, headers: HTTPHeaders([("Host", host)] + headers),
            body: body.isEmpty ? .empty : .bytes(body), remoteAddress: "127.0.0.1:50000")
        let response = responder.respond(to: request)
        var fields = response.headers.fields.map { ($0.name, $0.value) }
        if let length = response.body.contentLength, !response.headers.contains("Content-Length") {
            fields.append(("Content-Length", "\(length)"))
        }
        return TestResponse(status: response.status, headers: fields, body: method == "HEAD" ? [] : try bytes(response))
    }

    private func bytes(_ response: HTTPResponse) throws -> [UInt8] {
        switch response.body {
        case .bytes(let bytes): return bytes
        case .headers: return []
        case .file(let path, let offset, let length):
            let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? file.close() }
            try file.seek(toOffset: UInt64(offset))
            return Array(try file.read(upToCount: length) ?? Data())
        }
    }
}
