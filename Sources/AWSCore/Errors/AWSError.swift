import HTTPServer

/// The one error shape every AWS protocol renderer understands.
///
/// Services never write error bytes; they throw something that becomes this, and the protocol
/// the request arrived on picks the wire format (JSON 1.1, REST-XML or query).
public struct AWSError: Error, Equatable, Sendable {
    public enum Fault: String, Sendable { case client = "Sender", server = "Receiver" }

    /// Exactly as in the AWS API reference, e.g. `ParameterNotFound`.
    public var code: String
    public var message: String
    public var status: Int
    public var fault: Fault
    /// Extra elements S3 puts in its `<Error>` document, such as `<Key>` or `<BucketName>`.
    public var details: [Detail]
    /// Extra response headers the error carries, such as `x-amz-bucket-region`.
    public var headers: [Detail]

    public struct Detail: Equatable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        code: String, message: String, status: Int, fault: Fault? = nil, details: [Detail] = [], headers: [Detail] = []
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.fault = fault ?? (status >= 500 ? .server : .client)
        self.details = details
        self.headers = headers
    }

    /// An operation AWS has that ebauth has not built: 501, never a fake success.
    public static func notImplemented(operation: String, service: String) -> AWSError {
        AWSError(
            code: "NotImplemented",
            message: "The operation '\(operation)' of service '\(service)' is not implemented by ebauth yet.",
            status: 501)
    }

    /// Anything that is ebauth's fault rather than the caller's.
    public static func internalFailure(_ message: String = "An internal error occurred.") -> AWSError {
        AWSError(code: "InternalFailure", message: message, status: 500)
    }
}

/// Adopted by each service's error enum. Its `switch` is exhaustive, so a new case cannot ship
/// without its wire mapping.
public protocol AWSErrorConvertible: Error {
    var awsError: AWSError { get }
}

extension AWSError: AWSErrorConvertible {
    public var awsError: AWSError { self }
}
