import AWSCore
import HTTPServer
import Logging

/// The OCI distribution API, mounted by the server as the `/v2/` path route.
///
/// For each request: parse the endpoint (a plain 404 for paths that are none, as registry:2),
/// check the repository name (NAME_INVALID), pick the registry (`resolve`, host-based routing),
/// check the method (405 UNSUPPORTED), ask the registry's access control, then act. Every
/// answer carries `Docker-Distribution-API-Version: registry/2.0`; every error is rendered once,
/// here, in the envelope and wording of the registry's flavor.
public struct RegistryResponder: HTTPResponder {
    /// Where a blob GET may be sent instead of answering it (ECR: a presigned URL of our S3).
    public typealias BlobRedirect =
        @Sendable (
            _ namespace: RegistryNamespace, _ repository: String, _ digest: String, _ principal: RegistryPrincipal
        ) -> String?

    public let resolve: RegistryResolver
    public let backend: RegistryBackend
    public let blobRedirect: BlobRedirect?
    let logger: Logger?

    public init(
        resolve: @escaping RegistryResolver, backend: RegistryBackend, blobRedirect: BlobRedirect? = nil,
        logger: Logger? = nil
    ) {
        self.resolve = resolve
        self.backend = backend
        self.blobRedirect = blobRedirect
        self.logger = logger
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var namespace: RegistryNamespace?
        var response: HTTPResponse
        do {
            response = try handle(request, namespace: &namespace)
        } catch let error as RegistryError {
            response = error.response(for: namespace)
        } catch {
            // Type only: errors may quote paths or SQL, never request content.
            logger?.error(
                "registry request failed", metadata: ["error": "\(type(of: error))", "description": "\(error)"])
            response = RegistryError.unknown.response(for: namespace)
        }
        response.headers["Docker-Distribution-API-Version"] = "registry/2.0"
        return response
    }

    private func handle(_ request: HTTPRequest, namespace: inout RegistryNamespace?) throws -> HTTPResponse {
        guard let route = RegistryRoute.parse(path: request.path) else {
            var headers = HTTPHeaders()
            headers.add("Content-Type", "text/plain; charset=utf-8")
            return HTTPResponse(status: 404, headers: headers, text: "404 page not found\n")
        }
        if let name = route.name, !RepositoryName.isValid(name) { throw RegistryError.nameInvalid(name) }
        let host = request.headers["host"] ?? ""
        guard let resolution = resolve(request) else {
            throw RegistryError.custom(
                code: "NAME_UNKNOWN", status: 404,
                message:
                    "no registry is configured for host '\(host.prefix(255))' (seed one with POST /_ebauth/registries)")
        }
        namespace = resolution.namespace
        let query = QueryItems(parsing: request.query)
        let action = try Self.action(for: route, method: request.method, query: query)
        let principal = try resolution.access.authorize(request, namespace: resolution.namespace, action: action)
        let context = RegistryRequestContext(
            request: request, query: query, namespace: resolution.namespace, principal: principal)
        switch route {
        case .base:
            return RegistryResponses.json(200, .object([]))
        case .catalog:
            return try catalog(context)
        case .tags(let name):
            return try tags(context, name)
        case .manifest(let name, let reference):
            return try manifest(context, name, reference)
        case .blob(let name, let digest):
            return try blob(context, name, digest)
        case .uploads(let name):
            return try startUpload(context, name, access: resolution.access)
        case .upload(let name, let id):
            return try upload(context, name, id)
        }
    }

    /// What the request wants, for the access control; 405 UNSUPPORTED for a method the
    /// endpoint does not have.
    static func action(for route: RegistryRoute, method: String, query: QueryItems) throws -> RegistryAction {
        switch (route, method) {
        case (.base, "GET"), (.base, "HEAD"):
            return .ping
        case (.catalog, "GET"):
            return .catalog
        case (.tags(let name), "GET"):
            return .pull(repository: name, .tags)
        case (.manifest(let name, _), "GET"), (.manifest(let name, _), "HEAD"):
            return .pull(repository: name, .manifest)
        case (.manifest(let name, _), "PUT"):
            return .push(repository: name, .manifest)
        case (.manifest(let name, let reference), "DELETE"):
            return .delete(repository: name, reference.contains(":") ? .manifest : .tag)
        case (.blob(let name, _), "GET"):
            return .pull(repository: name, .blob)
        case (.blob(let name, _), "HEAD"):
            return .pull(repository: name, .blobHead)
        case (.blob(let name, _), "DELETE"):
            return .delete(repository: name, .blob)
        case (.uploads(let name), "POST"):
            return .push(repository: name, query["digest"] != nil ? .monolithicUpload : .startUpload)
        case (.upload(let name, _), "GET"), (.upload(let name, _), "HEAD"):
            return .push(repository: name, .uploadStatus)
        case (.upload(let name, _), "PATCH"):
            return .push(repository: name, .uploadChunk)
        case (.upload(let name, _), "PUT"):
            return .push(repository: name, .completeUpload)
        case (.upload(let name, _), "DELETE"):
            return .push(repository: name, .cancelUpload)
        default:
            throw RegistryError.unsupported(detail: "method \(method.prefix(20)) is not allowed here")
        }
    }
}

/// One authorized request, as the endpoint handlers see it.
struct RegistryRequestContext {
    let request: HTTPRequest
    let query: QueryItems
    let namespace: RegistryNamespace
    let principal: RegistryPrincipal

    var method: String { request.method }
}
