import AWSCore
import HTTPServer

/// S3's `AWSServiceHandler`: the router has resolved the bucket and key and named the operation
/// (from method, path, query and headers), so this only looks the operation up. Errors are not
/// caught here; the router renders them as REST-XML.
struct S3Service: AWSServiceHandler {
    typealias Operation = @Sendable (AWSRequest) throws -> HTTPResponse

    let service = ServiceCatalog.s3
    private var operations: [String: Operation] = [:]

    mutating func on(_ operation: String, _ body: @escaping Operation) {
        precondition(service.hasOperation(operation), "\(operation) is not an operation of s3")
        operations[operation] = body
    }

    func implements(_ operation: String) -> Bool {
        operations[operation] != nil
    }

    func handle(_ request: AWSRequest) throws -> HTTPResponse {
        guard let operation = operations[request.context.operation] else {
            throw AWSError.notImplemented(operation: request.context.operation, service: service.name)
        }
        guard ObjectKey.isUTF8(rawPath: request.http.path) else { throw S3Error.invalidURI(uri: request.http.path) }
        return try operation(request)
    }
}
