import HTTPServer

/// Operation table of a query-protocol service (IAM, STS): `Action` → handler → XML result.
///
/// Answers are `<ActionResponse xmlns="…"><ActionResult>…</ActionResult><ResponseMetadata>
/// <RequestId>…</RequestId></ResponseMetadata></ActionResponse>`, as botocore's query parser expects.
public struct QueryService: AWSServiceHandler {
    /// Returns the children of `<ActionResult>`; nil for actions whose response has no result.
    public typealias Operation = @Sendable (AWSRequest) throws -> [XMLTree]?

    public let service: AWSServiceDescription
    private var operations: [String: Operation] = [:]

    public init(_ service: AWSServiceDescription) {
        self.service = service
    }

    public mutating func on(_ action: String, _ body: @escaping Operation) {
        precondition(service.hasOperation(action), "\(action) is not an operation of \(service.name)")
        operations[action] = body
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
