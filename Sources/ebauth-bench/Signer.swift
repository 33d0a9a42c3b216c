import AWSCore
import Crypto
import Foundation
import HTTPServer

/// SigV4 header signing as the SDKs do it, per request (fresh X-Amz-Date, payload hash), with
/// AWSCore's canonical request — the code the server verifies with.
final class Signer: @unchecked Sendable {
    let accessKeyID: String
    let secret: String
    let region: String
    private let lock = NSLock()
    private var keys: [String: SymmetricKey] = [:]

    init(accessKeyID: String = "test", secret: String = "test", region: String = "us-east-1") {
        self.accessKeyID = accessKeyID
        self.secret = secret
        self.region = region
    }

    private func key(day: String, service: String) -> SymmetricKey {
        lock.lock(); defer { lock.unlock() }
        if let key = keys["\(day)/\(service)"] { return key }
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)))
        }
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] { key = hmac(key, part) }
        keys["\(day)/\(service)"] = key
        return key
    }

    /// A signed request: `path` and `query` raw (already percent-encoded).
    func request(
        _ method: String, path: String, query: String = "", host: String, service: String,
        headers extra: [(String, String)] = [], body: [UInt8] = [], payloadHash given: String? = nil,
        bodyFile: String? = nil, bodyFileSize: Int = 0
    ) -> Request {
        let amzDate = AMZDate.format(Date())
        let day = String(amzDate.prefix(8))
        let payloadHash = given ?? Hex.encode(SHA256.hash(data: body))
        var all = extra
        all.append(("X-Amz-Date", amzDate))
        all.append(("X-Amz-Content-Sha256", payloadHash))
        var httpHeaders = HTTPHeaders()
        httpHeaders.add("host", host)
        for (name, value) in all { httpHeaders.add(name.lowercased(), value) }
        let signed = (["host"] + all.map { $0.0.lowercased() }).sorted()
        let canonical = CanonicalRequest(
            method: method, rawPath: path, rawQuery: query, headers: httpHeaders, signedHeaders: signed,
            payloadHash: payloadHash, doubleEncodePath: service != "s3")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let signature = Hex.encode(
            HMAC<SHA256>.authenticationCode(
                for: Array(canonical.stringToSign(amzDate: amzDate, scope: scope).utf8),
                using: key(day: day, service: service)))
        all.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
            ))
        let size = bodyFile != nil ? bodyFileSize : body.count
        let hasBody = size > 0 || method == "PUT" || method == "POST"
        let head = renderHead(
            method: method, target: query.isEmpty ? path : "\(path)?\(query)", headers: [("Host", host)] + all,
            contentLength: hasBody ? size : nil)
        return Request(head: head, body: body, bodyFile: bodyFile, bodyFileSize: bodyFileSize)
    }

    /// JSON 1.1 (SSM, ECR): `POST /` with `X-Amz-Target`.
    func json(host: String, service: String, target: String, body: String) -> Request {
        request(
            "POST", path: "/", host: host, service: service,
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", target)], body: Array(body.utf8))
    }
}
