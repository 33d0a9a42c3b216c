import Foundation
import HTTPServer
import Logging
import Server

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `EbauthServer` on a free loopback port with temporary state, for one test.
final class InProcessServer {
    let server: EbauthServer

    init(enforceIAM: Bool = false) throws {
        var options = ServerOptions()
        options.port = 0
        options.enforceIAM = enforceIAM
        options.workerCount = 4
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        server = try EbauthServer(options: options, logger: logger)
        try server.start()
    }

    var endpoint: URL { URL(string: server.endpoint)! }

    deinit {
        server.stop()
        server.wait()
    }

    /// Sends a request with URLSession's HTTP/1.1 stack and waits for the answer.
    func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil
    ) throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: server.endpoint + path)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, response as? HTTPURLResponse, error)
            done.signal()
        }.resume()
        done.wait()
        let (data, response, error) = box.get()
        if let error { throw error }
        var fields: [String: String] = [:]
        for (name, value) in response!.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return (response!.statusCode, fields, data ?? Data())
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, HTTPURLResponse?, (any Error)?) = (nil, nil, nil)

    func set(_ data: Data?, _ response: HTTPURLResponse?, _ error: (any Error)?) {
        lock.withLock { value = (data, response, error) }
    }

    func get() -> (Data?, HTTPURLResponse?, (any Error)?) {
        lock.withLock { value }
    }
}
