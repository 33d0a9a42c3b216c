import HTTPServer

/// An input shape of a REST-XML operation, bound from the request as botocore's shape binds it.
public protocol RESTXMLInput: Sendable {
    init(_ request: RESTRequest) throws
}

/// An output shape of a REST-XML operation: writes its status, header members and payload.
public protocol RESTXMLOutput {
    func write(to response: inout RESTResponse)
}

/// Operation table of a REST-XML service (S3): name → bind input, call, encode output.
///
/// It is the service's `AWSServiceHandler`: the router has already named the operation from the
/// method, path, query and headers. Errors are not caught here; the router renders them once.
public struct RESTXMLService: AWSServiceHandler {
    typealias Operation = @Sendable (RESTRequest) throws -> HTTPResponse

    public let service: AWSServiceDescription
    private var operations: [String: Operation] = [:]
    private let admit: @Sendable (RESTRequest) throws -> Void

    /// - Parameter admit: checks every implemented operation's request passes before its input is
    ///   bound (S3 refuses a path that is not UTF-8 whatever the operation).
    public init(_ service: AWSServiceDescription, admit: @escaping @Sendable (RESTRequest) throws -> Void = { _ in }) {
        self.service = service
        self.admit = admit
    }

    /// Registers `operation`; `Input` and `Output` are shapes named as botocore has them.
    public mutating func on<Input: RESTXMLInput, Output: RESTXMLOutput>(
        _ operation: String, _ body: @escaping @Sendable (Input, RequestContext) throws -> Output
    ) {
        precondition(service.hasOperation(operation), "\(operation) is not an operation of \(service.name)")
        operations[operation] = { request in
            let output = try body(try Input(request), request.context)
            var response = RESTResponse()
            output.write(to: &response)
            return response.http
        }
    }

    public func implements(_ operation: String) -> Bool {
        operations[operation] != nil
    }

    public func handle(_ request: AWSRequest) throws -> HTTPResponse {
        guard let operation = operations[request.context.operation] else {
            throw AWSError.notImplemented(operation: request.context.operation, service: service.name)
        }
        let rest = RESTRequest(request)
        try admit(rest)
        return try operation(rest)
    }
}
