import HTTPServer

/// Operation table of a query-protocol service (IAM, STS): `Action` → decode the parameters
/// into the operation's input shape, call the model, encode its output shape as XML.
///
/// Answers are `<ActionResponse xmlns="…"><ActionResult>…</ActionResult><ResponseMetadata>
/// <RequestId>…</RequestId></ResponseMetadata></ActionResponse>`, as botocore's query parser expects.
public struct QueryService: AWSServiceHandler {
    /// Returns the children of `<ActionResult>`; nil for actions whose response has no result.
    typealias Operation = @Sendable (AWSRequest) throws -> [XMLTree]?

    public let service: AWSServiceDescription
    private var operations: [String: Operation] = [:]

    public init(_ service: AWSServiceDescription) {
        self.service = service
    }

    /// Registers `action`; `Input` and `Output` are shapes named as botocore has them
    /// (`CreateUserRequest`, `CreateUserResponse`). The output is `<ActionResult>`'s children.
    public mutating func on<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
        _ action: String, _ body: @escaping @Sendable (Input, RequestContext) throws -> Output
    ) {
        register(action) { request in
            let input = try QueryDecoding.decode(Input.self, from: request.parameters)
            return try QueryEncoding.encode(try body(input, request.context))
        }
    }

    /// Registers an action whose response has no result element (`DeleteUser`).
    public mutating func on<Input: Decodable & SendableMetatype>(
        _ action: String, _ body: @escaping @Sendable (Input, RequestContext) throws -> Void
    ) {
        register(action) { request in
            try body(QueryDecoding.decode(Input.self, from: request.parameters), request.context)
            return nil
        }
    }

    private mutating func register(_ action: String, _ operation: @escaping Operation) {
        precondition(service.hasOperation(action), "\(action) is not an operation of \(service.name)")
        operations[action] = operation
    }

    public func implements(_ operation: String) -> Bool {
        operations[operation] != nil
    }

    public func handle(_ request: AWSRequest) throws -> HTTPResponse {
        let action = request.context.operation
        guard let operation = operations[action] else {
            throw AWSError.notImplemented(operation: action, service: service.name)
        }
        var children: [XMLTree] = []
        if let result = try operation(request) { children.append(.node("\(action)Result", result)) }
        children.append(.node("ResponseMetadata", [.leaf("RequestId", request.context.requestID)]))
        let attributes = service.xmlNamespace.map { [("xmlns", $0)] } ?? []
        let tree = XMLTree.element("\(action)Response", attributes: attributes, children: children)
        var body = ""
        tree.render(into: &body)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/xml")
        return HTTPResponse(status: 200, headers: headers, bytes: Array(body.utf8))
    }
}
