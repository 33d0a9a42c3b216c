import AWSCore
import Foundation

/// An AWS error as a client receives it: status, code, message and the request id that
/// `GET /_ebauth/decisions?requestId=` explains.
public struct AWSCallError: Error, CustomStringConvertible, Sendable {
    public var status: Int
    public var code: String
    public var message: String
    public var requestID: String?
    public var operation: String

    public var description: String {
        "An error occurred (\(code)) when calling the \(operation) operation: \(message)"
    }

    public var isAccessDenied: Bool { code == "AccessDenied" || code == "AccessDeniedException" }
    public var isNotImplemented: Bool { status == 501 || code == "NotImplemented" }
}

/// A SigV4-signing client of the local endpoint for the three wire protocols the flows use.
public struct AWSClient: Sendable {
    public let http: LocalHTTPClient
    public let credentials: AWSCredentials
    public let region: String
    let signer = SigV4Signer()

    public init(http: LocalHTTPClient, credentials: AWSCredentials, region: String) {
        self.http = http
        self.credentials = credentials
        self.region = region
    }

    public func with(region: String) -> AWSClient { AWSClient(http: http, credentials: credentials, region: region) }

    /// JSON 1.1 (ECR, SSM, Secrets Manager): `POST /` with `X-Amz-Target`, the input as the
    /// body, the output decoded from the answer.
    public func call<Operation: AWSJSONOperation>(_ input: Operation) throws -> Operation.Output {
        let service = Operation.service
        let payload = Array(try JSONEncoder().encode(input))
        let host = "\(service == "ecr" ? "api.ecr" : service).\(region).amazonaws.com"
        let headers = signer.sign(
            method: "POST", rawPath: "/", rawQuery: "", host: host,
            headers: [
                ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "\(Operation.targetPrefix).\(Operation.operation)"),
            ],
            body: payload, service: service, region: region, credentials: credentials)
        let reply = try http.send("POST", "/", host: host, headers: headers, body: payload)
        guard reply.status == 200 else { throw Self.jsonError(reply, operation: Operation.operation) }
        do {
            return try JSONDecoder().decode(Operation.Output.self, from: Data(reply.body))
        } catch {
            // botocore's ResponseParserError. The body is not quoted: it may hold a secret.
            throw AWSCallError(
                status: reply.status, code: "ResponseParserError",
                message: "the answer is not a \(Operation.Output.self) document",
                requestID: reply.header("x-amzn-requestid"), operation: Operation.operation)
        }
    }

    static func jsonError(_ reply: HTTPReply, operation: String) -> AWSCallError {
        let body = try? JSONDecoder().decode(JSONErrorBody.self, from: Data(reply.body))
        var code = body?.__type ?? "HTTP\(reply.status)"
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        return AWSCallError(
            status: reply.status, code: code, message: body?.message ?? body?.Message ?? reply.text,
            requestID: reply.header("x-amzn-requestid"), operation: operation)
    }

    /// Query protocol (IAM, STS): form-encoded `Action` with `Version`.
    public func query(service: String, version: String, action: String, parameters: [(String, String)]) throws -> String
    {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        let payload = Array(form.utf8)
        let signingRegion = service == "iam" ? "us-east-1" : region
        let host = service == "iam" ? "iam.amazonaws.com" : "\(service).\(region).amazonaws.com"
        let headers = signer.sign(
            method: "POST", rawPath: "/", rawQuery: "", host: host,
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: payload, service: service, region: signingRegion, credentials: credentials)
        let reply = try http.send("POST", "/", host: host, headers: headers, body: payload)
        guard reply.status == 200 else { throw Self.xmlError(reply, operation: action) }
        return reply.text
    }

    /// S3 REST, path style.
    public func s3(
        _ method: String, bucket: String, key: String? = nil, query: String = "", body: [UInt8] = [],
        headers extra: [(String, String)] = [], operation: String
    ) throws -> HTTPReply {
        var path = "/" + URIEncoding.encode(bucket)
        if let key { path += "/" + URIEncoding.encode(key, keepSlash: true) }
        let host = "s3.\(region).amazonaws.com"
        let headers = signer.sign(
            method: method, rawPath: path, rawQuery: query, host: host, headers: extra, body: body, service: "s3",
            region: region, credentials: credentials)
        let reply = try http.send(
            method, query.isEmpty ? path : path + "?" + query, host: host, headers: headers, body: body)
        guard (200..<300).contains(reply.status) else { throw Self.xmlError(reply, operation: operation) }
        return reply
    }

    static func xmlError(_ reply: HTTPReply, operation: String) -> AWSCallError {
        let text = reply.text
        func element(_ name: String) -> String? {
            guard let start = text.range(of: "<\(name)>"),
                let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
            else { return nil }
            return String(text[start.upperBound..<end.lowerBound])
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        return AWSCallError(
            status: reply.status,
            code: element("Code") ?? (reply.status == 501 ? "NotImplemented" : "HTTP\(reply.status)"),
            message: element("Message") ?? "",
            requestID: element("RequestId") ?? reply.header("x-amz-request-id")
                ?? reply.header("x-amzn-requestid"),
            operation: operation)
    }
}
