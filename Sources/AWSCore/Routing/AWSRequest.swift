import HTTPServer

/// A request that has been routed and authenticated, as a service handler receives it.
public struct AWSRequest: Sendable {
    public var http: HTTPRequest
    /// The payload, with aws-chunked framing removed and signatures and checksums verified.
    public var body: HTTPBody
    /// Query parameters; for query-protocol services, the form body's parameters as well.
    public var parameters: QueryItems
    public var context: RequestContext
    /// For S3: the bucket and key the request addresses.
    public var address: S3Address?
    /// Trailing headers of an aws-chunked body, such as `x-amz-checksum-crc32`.
    public var trailers: [(name: String, value: String)]

    public init(
        http: HTTPRequest, body: HTTPBody, parameters: QueryItems, context: RequestContext, address: S3Address? = nil,
        trailers: [(name: String, value: String)] = []
    ) {
        self.http = http
        self.body = body
        self.parameters = parameters
        self.context = context
        self.address = address
        self.trailers = trailers
    }
}

/// A service's request handler: the only thing a service gives the router.
public protocol AWSServiceHandler: Sendable {
    var service: AWSServiceDescription { get }
    /// Whether this handler has built `operation`; the router answers NotImplemented otherwise.
    func implements(_ operation: String) -> Bool
    func handle(_ request: AWSRequest) throws -> HTTPResponse
}

/// A non-AWS-API part of the port, served by path prefix: the registry under `/v2/`,
/// instance metadata under `/latest/`, ebauth's own `/_ebauth/`.
public struct PathRoute: Sendable {
    public var prefix: String
    public var name: String
    public var responder: any HTTPResponder

    public init(prefix: String, name: String, responder: any HTTPResponder) {
        self.prefix = prefix
        self.name = name
        self.responder = responder
    }

    func matches(_ path: String) -> Bool {
        path.hasPrefix(prefix) || path + "/" == prefix
    }
}
