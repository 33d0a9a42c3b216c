import Foundation

/// A JSON 1.1 operation as a client calls it: the input encodes as the body, the output
/// decodes from a 200 answer (botocore `json` protocol).
public protocol AWSJSONOperation: Encodable, Sendable {
    associatedtype Output: Decodable
    /// The signing name and host prefix: `ecr`, `ssm`, `secretsmanager`.
    static var service: String { get }
    /// The `X-Amz-Target` prefix: `AmazonSSM`, `AmazonEC2ContainerRegistry_V20150921`.
    static var targetPrefix: String { get }
    /// The operation's name, the `X-Amz-Target` suffix.
    static var operation: String { get }
}

/// The body of a JSON 1.1 error answer: `__type` (possibly `namespace#Code`) and a message
/// whose member name differs between services.
struct JSONErrorBody: Decodable {
    var __type: String?
    var message: String?
    var Message: String?
}
