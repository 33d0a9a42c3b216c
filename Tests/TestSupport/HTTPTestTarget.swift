/// What a test sends requests to: a server on a loopback port, or a router called in-process.
public protocol HTTPTestTarget {
    /// Sends one request and reads the whole answer.
    func exchange(
        _ method: String, _ target: String, host: String, headers: [(String, String)], body: [UInt8]
    ) throws -> TestResponse
}

extension HTTPTestTarget {
    @discardableResult
    public func send(
        _ method: String, _ target: String, host: String = "127.0.0.1", headers: [(String, String)] = [],
        body: [UInt8] = []
    ) throws -> TestResponse {
        try exchange(method, target, host: host, headers: headers, body: body)
    }
}

/// A server a test reaches over a socket: `TestClient`, or a harness that runs its own server.
public protocol LoopbackTarget: HTTPTestTarget {
    var port: Int { get }
}

extension LoopbackTarget {
    public func exchange(
        _ method: String, _ target: String, host: String, headers: [(String, String)], body: [UInt8]
    ) throws -> TestResponse {
        try TestHTTP.send(port: port, method: method, path: target, host: host, headers: headers, body: body)
    }
}
