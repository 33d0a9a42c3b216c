import Foundation
import HTTPServer

/// Operation table of a JSON 1.1 service (SSM, ECR, Secrets Manager): name → decode, call, encode.
/// Its entries have the shape of the REST-XML and query tables': `service.on("GetParameter",
/// getParameter)` with a model function `(Input, RequestContext) throws -> Output`.
///
/// It is the service's `AWSServiceHandler`: the router has already named the operation from
/// `X-Amz-Target`, so this only decodes the body into the operation's input shape and encodes
/// the output. Errors are not caught here; the router renders them once for the protocol.
public struct JSON11Service: AWSServiceHandler {
    public typealias Operation = @Sendable (AWSRequest) throws -> HTTPResponse

    public let service: AWSServiceDescription
    private var operations: [String: Operation] = [:]

    public init(_ service: AWSServiceDescription) {
        self.service = service
    }

    /// Registers `operation`; `Input` and `Output` are shapes named and cased as botocore has them.
    /// `maxBodyBytes` lifts the body limit for an operation that carries data (ECR's
    /// UploadLayerPart); the body is refused by its length before it is read.
    public mutating func on<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
        _ operation: String, maxBodyBytes: Int = JSON11.maxBodyBytes,
        _ body: @escaping @Sendable (Input, RequestContext) throws -> Output
    ) {
        precondition(service.hasOperation(operation), "\(operation) is not an operation of \(service.name)")
        operations[operation] = { request in
            guard request.body.count <= maxBodyBytes else { throw JSON11.bodyTooLarge }
            let input = try JSON11.decode(Input.self, from: try request.body.readAll(), maxBodyBytes: maxBodyBytes)
            let output = try body(input, request.context)
            var headers = HTTPHeaders()
            headers.add("Content-Type", "application/x-amz-json-1.1")
            return HTTPResponse(status: 200, headers: headers, bytes: try JSON11.encode(output))
        }
    }

    public func implements(_ operation: String) -> Bool {
        operations[operation] != nil
    }

    public func handle(_ request: AWSRequest) throws -> HTTPResponse {
        guard let operation = operations[request.context.operation] else {
            throw AWSError.notImplemented(operation: request.context.operation, service: service.name)
        }
        return try operation(request)
    }
}

/// The JSON 1.1 codec: timestamps are epoch seconds (fractional), absent members are omitted.
///
/// The bytes and errors are `JSONEncoder`'s and `JSONDecoder`'s with these settings;
/// `JSON11Encoder` and `JSON11Decoder` produce them directly on the common path.
///
/// A body that does not decode is 400 `SerializationException` with one set of messages for
/// every operation of every JSON 1.1 service (`describe`). AWS's own text comes from each
/// service's deserializer and differs between services ("Start of structure or map found where
/// not expected", aws/aws-sdk-js-v3#7102 and mhart/kinesalite#101; none at all from Firehose,
/// pplu/aws-sdk-perl#237); botocore (1.43, `BaseJSONParser._do_error_parse`) keys the error
/// on `__type` and takes any message or none, so the code is what must match.
public enum JSON11 {
    /// Bodies past this are refused before decoding; AWS's JSON APIs take far less (an operation
    /// that carries data registers its own limit).
    public static let maxBodyBytes = 1 << 20

    static let bodyTooLarge = AWSError(code: "SerializationException", message: "Request body too large.", status: 400)

    public static func decode<T: Decodable>(
        _ type: T.Type, from bytes: [UInt8], maxBodyBytes: Int = JSON11.maxBodyBytes
    ) throws -> T {
        guard bytes.count <= maxBodyBytes else { throw bodyTooLarge }
        let body = bytes.isEmpty ? Array("{}".utf8) : bytes
        if let value = JSON11Decoder.decode(type, from: body) {
            return value
        }
        // Errors and unusual input: Foundation decides, so messages name what JSONDecoder names.
        let data = Data(body)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw AWSError(code: "SerializationException", message: describe(error), status: 400)
        } catch {
            throw AWSError(code: "SerializationException", message: "Malformed JSON in request body.", status: 400)
        }
    }

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        if let bytes = JSON11Encoder.encode(value) {
            return bytes
        }
        // What the fast encoder leaves (NaN, URL, odd containers): Foundation's bytes or error.
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Says which member was wrong without echoing values, which may be secrets.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "the request body" : "'\(names.joined(separator: "."))'"
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Unexpected type or null at \(path(context))."
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "Missing required member '\(key.stringValue)'\(parent)."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "Malformed JSON in request body." : "Invalid value at \(path(context))."
        @unknown default:
            return "Malformed request body."
        }
    }
}
