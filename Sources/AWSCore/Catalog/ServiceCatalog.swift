/// One AWS service as botocore models it: how requests reach it and which operations AWS has.
/// The data lives in `ServiceCatalog+Generated.swift`; this file only holds types and lookups.
public struct AWSServiceDescription: Sendable, Hashable, CustomStringConvertible {
    /// How requests to the service are encoded on the wire (botocore's `metadata.protocol`).
    public enum WireProtocol: String, Sendable, Hashable {
        /// POST `/` with `X-Amz-Target: <targetPrefix>.<Operation>` and an `application/x-amz-json-1.1` body.
        case json11 = "json"
        /// REST routes with XML bodies (S3).
        case restXML = "rest-xml"
        /// Form-encoded `Action=<Operation>&Version=<apiVersion>`, XML responses (IAM, STS, Beanstalk).
        case query
        /// The EC2 dialect of query: same request form, slightly different responses and errors.
        case ec2
    }

    /// botocore's service directory name, e.g. `"ssm"`, `"secretsmanager"`.
    public let name: String
    /// SigV4 credential-scope service name, e.g. `"ecr"` (whose endpoint prefix is `"api.ecr"`).
    public let signingName: String
    /// Host name prefix of the real endpoint, e.g. `"api.ecr"`.
    public let endpointPrefix: String
    public let `protocol`: WireProtocol
    /// The `Version` query services expect, and the S3/JSON model version.
    public let apiVersion: String
    /// `X-Amz-Target` prefix for JSON services (`"AmazonSSM"`), nil otherwise.
    public let targetPrefix: String?
    /// Namespace of XML responses (query, ec2, S3), nil for JSON services.
    public let xmlNamespace: String?
    /// Every operation name in the model, whether or not ebauth implements it.
    public let operations: Set<String>

    public init(
        name: String, signingName: String, endpointPrefix: String, protocol: WireProtocol,
        apiVersion: String, targetPrefix: String?, xmlNamespace: String?, operations: Set<String>
    ) {
        self.name = name
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.protocol = `protocol`
        self.apiVersion = apiVersion
        self.targetPrefix = targetPrefix
        self.xmlNamespace = xmlNamespace
        self.operations = operations
    }

    /// Whether AWS has this operation (exact, case-sensitive name as in the model).
    public func hasOperation(_ operation: String) -> Bool { operations.contains(operation) }

    public var description: String { "\(name) (\(self.protocol.rawValue), \(apiVersion))" }
}

/// Answer to "which operation is this request?" — lets the server tell an operation AWS has
/// but ebauth has not built (reply 501 naming it) from one AWS does not have at all.
public enum OperationLookup: Sendable, Hashable {
    /// The service has this operation in its model.
    case known(service: AWSServiceDescription, operation: String)
    /// The service is known but has no such operation: `UnknownOperationException`.
    case unknownOperation(service: AWSServiceDescription, operation: String)
    /// No catalogued service matches (target prefix or signing name).
    case unknownService(String)

    /// The service, when one matched.
    public var service: AWSServiceDescription? {
        switch self {
        case .known(let service, _), .unknownOperation(let service, _): service
        case .unknownService: nil
        }
    }
}

/// Lookups over the generated service table (`ServiceCatalog.all`, `.ssm`, `.s3`, ...).
public enum ServiceCatalog {
    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    private static let bySigningName = Dictionary(uniqueKeysWithValues: all.map { ($0.signingName, $0) })
    private static let byTargetPrefix = Dictionary(
        uniqueKeysWithValues: all.compactMap { service in service.targetPrefix.map { ($0, service) } })

    /// The service with this botocore name (`"secretsmanager"`).
    public static func service(named name: String) -> AWSServiceDescription? { byName[name] }

    /// The service whose SigV4 credential scope names `signingName` (`"ecr"`, `"s3"`).
    public static func service(signingName: String) -> AWSServiceDescription? { bySigningName[signingName] }

    /// The JSON service whose `X-Amz-Target` prefix is `prefix` (`"TrentService"` → kms).
    public static func service(targetPrefix prefix: String) -> AWSServiceDescription? { byTargetPrefix[prefix] }

    /// Resolves an `X-Amz-Target` header such as `"AmazonSSM.GetParameter"`.
    /// Returns nil when the value has no `.` separating a non-empty prefix and operation.
    public static func resolve(target: String) -> OperationLookup? {
        // Split at the last dot: prefixes have none, operation names never contain one.
        guard let dot = target.lastIndex(of: "."), dot != target.startIndex,
            target.index(after: dot) != target.endIndex
        else { return nil }
        let prefix = String(target[..<dot])
        let operation = String(target[target.index(after: dot)...])
        guard let service = service(targetPrefix: prefix) else { return .unknownService(prefix) }
        return lookup(operation, in: service)
    }

    /// Resolves a query-protocol `Action` (or any operation name) for the service signed as `signingName`.
    public static func resolve(signingName: String, operation: String) -> OperationLookup {
        guard let service = service(signingName: signingName) else { return .unknownService(signingName) }
        return lookup(operation, in: service)
    }

    private static func lookup(_ operation: String, in service: AWSServiceDescription) -> OperationLookup {
        service.hasOperation(operation)
            ? .known(service: service, operation: operation)
            : .unknownOperation(service: service, operation: operation)
    }
}
