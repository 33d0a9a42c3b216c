import Foundation
import HTTPServer
import Logging

/// The one routing table of the port: sends each request to its service, authenticates it,
/// names the operation, and turns whatever the service throws into that protocol's error.
public final class ServiceRouter: HTTPResponder {
    let authenticator: SigV4Authenticator
    let handlers: [String: any AWSServiceHandler]
    let pathRoutes: [PathRoute]
    let logger: Logger

    public init(
        authenticator: SigV4Authenticator, handlers: [any AWSServiceHandler], pathRoutes: [PathRoute], logger: Logger
    ) {
        self.authenticator = authenticator
        self.handlers = Dictionary(handlers.map { ($0.service.name, $0) }, uniquingKeysWith: { $1 })
        self.pathRoutes = pathRoutes
        self.logger = logger
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now()
        // The longest prefix wins, so `/_ebauth/decisions` can live beside `/_ebauth/`.
        if let route = pathRoutes.filter({ $0.matches(request.path) }).max(by: { $0.prefix.count < $1.prefix.count }) {
            let response = route.responder.respond(to: request)
            log(request, service: route.name, operation: "-", status: response.status, started: started, requestID: "-")
            return response
        }
        let query = QueryItems(parsing: request.query)
        let resolution = ServiceResolution.resolve(request, query: query)
        let wire = resolution.wire
        let requestID = RequestID.make(for: wire)
        var operation = resolution.operation ?? "-"
        var response: HTTPResponse
        do {
            response = try route(
                request, query: query, resolution: resolution, requestID: requestID, operation: &operation)
            addRequestID(requestID, wire: wire, to: &response)
        } catch {
            let awsError: AWSError
            if let error = error as? SigV4Error {
                awsError = error.awsError(for: wire)
            } else {
                awsError = ErrorRenderer.awsError(for: error)
                if awsError.status >= 500 && !(error is AWSError) {
                    logger.error(
                        "unhandled error", metadata: ["request-id": "\(requestID)", "error": "\(type(of: error))"])
                }
            }
            response = ErrorRenderer.render(
                awsError, protocol: wire, requestID: requestID, xmlNamespace: resolution.service?.xmlNamespace)
        }
        log(
            request, service: resolution.service?.name ?? "-", operation: operation, status: response.status,
            started: started, requestID: requestID)
        return response
    }

    private func route(
        _ request: HTTPRequest, query: QueryItems, resolution: ServiceResolution, requestID: String,
        operation: inout String
    ) throws -> HTTPResponse {
        let service: AWSServiceDescription
        switch resolution {
        case .failed(let error, _):
            throw error
        case .service(let resolved, _):
            service = resolved
        }
        let auth = try authenticator.authenticate(request, query: query, signingName: service.signingName)
        var parameters = query
        var address: S3Address?
        switch AWSProtocol(service.protocol) {
        case .json11:
            break
        case .query:
            if (request.headers["content-type"] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") {
                let form = QueryItems(parsing: String(decoding: try request.body.readAll(), as: UTF8.self), form: true)
                parameters = QueryItems(query.items + form.items)
            }
            guard let action = parameters["Action"], !action.isEmpty else {
                throw AWSError(code: "MissingAction", message: "Missing Action", status: 400)
            }
            operation = action
            guard service.hasOperation(action) else {
                throw AWSError(
                    code: "InvalidAction",
                    message:
                        "Could not find operation \(action) for version \(parameters["Version"] ?? service.apiVersion)",
                    status: 400)
            }
        case .restXML:
            let resolved = S3Address.resolve(host: request.headers["host"], rawPath: request.path)
            address = resolved
            guard
                let name = S3OperationMatcher.operationName(
                    method: request.method, bucket: resolved.bucket, key: resolved.key, query: query.items,
                    headers: request.headers.fields)
            else {
                throw AWSError(
                    code: "NotImplemented",
                    message: "A header you provided implies functionality that is not implemented", status: 501)
            }
            operation = name
        }
        // The payload is checked before the operation is looked up, as AWS checks signatures
        // and checksums before anything else.
        let payload = try PayloadDecoder.decode(request, authentication: auth, signingName: service.signingName)
        guard let handler = handlers[service.name], handler.implements(operation) else {
            throw AWSError.notImplemented(operation: operation, service: service.name)
        }
        let region = auth.region ?? address?.hostRegion ?? "us-east-1"
        let context = RequestContext(
            requestID: requestID, accountID: auth.identity.accountID, region: region, service: service.name,
            operation: operation, caller: auth.identity, clock: authenticator.clock, facts: RequestFacts(request))
        return try handler.handle(
            AWSRequest(
                http: request, body: payload.body, parameters: parameters, context: context, address: address,
                trailers: payload.trailers))
    }

    private func addRequestID(_ requestID: String, wire: AWSProtocol, to response: inout HTTPResponse) {
        switch wire {
        case .restXML:
            if !response.headers.contains("x-amz-request-id") {
                response.headers.add("x-amz-request-id", requestID)
                response.headers.add("x-amz-id-2", RequestID.hostID(for: requestID))
            }
        case .json11, .query:
            if !response.headers.contains("x-amzn-RequestId") { response.headers.add("x-amzn-RequestId", requestID) }
        }
    }

    /// One line per request; never bodies, headers or query strings, which may hold secrets.
    private func log(
        _ request: HTTPRequest, service: String, operation: String, status: Int, started: DispatchTime,
        requestID: String
    ) {
        // Formatted only when the level is on: this runs for every request.
        guard logger.logLevel <= .info else { return }
        let micros = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1000
        let tenths = (micros + 50) / 100  // milliseconds to one decimal, rounded as %.1f does
        let millis = "\(tenths / 10).\(tenths % 10)"
        logger.info("\(request.method) \(service) \(operation) \(status) \(millis)ms \(requestID)")
    }
}
