import HTTPServer

/// Which service a request on the shared port is for, decided from what real clients send:
/// the `X-Amz-Target` header (JSON 1.1), the SigV4 credential scope, the query protocol's
/// `Version`, and otherwise S3 (the only REST service on the port).
enum ServiceResolution {
    case service(AWSServiceDescription, operation: String?)
    case failed(AWSError, wire: AWSProtocol)

    static let queryServicesByVersion = Dictionary(
        ServiceCatalog.all.filter { $0.protocol == .query }.map { ($0.apiVersion, $0) }, uniquingKeysWith: { a, _ in a }
    )

    var service: AWSServiceDescription? {
        if case .service(let service, _) = self { return service }
        return nil
    }

    var operation: String? {
        if case .service(_, let operation) = self { return operation }
        return nil
    }

    var wire: AWSProtocol {
        switch self {
        case .service(let service, _): AWSProtocol(service.protocol)
        case .failed(_, let wire): wire
        }
    }

    static func resolve(_ request: HTTPRequest, query: QueryItems) -> ServiceResolution {
        if let target = request.headers["x-amz-target"] {
            switch ServiceCatalog.resolve(target: target) {
            case .known(let service, let operation):
                return .service(service, operation: operation)
            case .unknownOperation(_, _), .unknownService, nil:
                return .failed(AWSError(code: "UnknownOperationException", message: "", status: 400), wire: .json11)
            }
        }
        if let scope = signingName(request, query: query) {
            if let service = ServiceCatalog.service(signingName: scope) {
                return .service(service, operation: nil)
            }
            return .failed(
                AWSError(
                    code: "NotImplemented", message: "The service '\(scope)' is not implemented by ebauth.", status: 501
                ),
                wire: .json11)
        }
        if request.method == "POST",
            (request.headers["content-type"] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded"),
            case .bytes(let bytes) = request.body
        {
            let form = QueryItems(parsing: String(decoding: bytes, as: UTF8.self), form: true)
            if form.contains("Action"), let service = queryServicesByVersion[form["Version"] ?? ""] {
                return .service(service, operation: nil)
            }
        }
        return .service(ServiceCatalog.s3, operation: nil)
    }

    /// The service named in the credential scope of the Authorization header or presigned query.
    static func signingName(_ request: HTTPRequest, query: QueryItems) -> String? {
        // By UTF-8 byte (every delimiter is ASCII): this runs for every request.
        let credential: Substring?
        if let authorization = request.headers["authorization"],
            let found = SigV4Credential.text(inAuthorization: authorization)
        {
            credential = found
        } else {
            credential = query["X-Amz-Credential"].map { $0[...] }
        }
        guard let credential else { return nil }
        let parts = SigV4Credential.scopeParts(credential)
        guard parts.count == 5 else { return nil }
        return String(parts[3])
    }
}
