import Foundation

/// A test's own failure, with what went wrong in words.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One answer as it arrived on the wire.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(text)")
        }
        return object
    }

    /// `errors[].code` of a distribution error envelope.
    public var errorCodes: [String] { errors.compactMap { $0["code"] as? String } }

    /// `errors[0].code`.
    public var errorCode: String? { errors.first?["code"] as? String }

    /// `errors[0].message`.
    public var errorMessage: String? { errors.first?["message"] as? String }

    private var errors: [[String: Any]] { (try? jsonObject())?["errors"] as? [[String: Any]] ?? [] }
}
