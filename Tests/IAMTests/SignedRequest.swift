import AWSCore
import Crypto
import Foundation
import HTTPServer

/// Signs a query-protocol request with SigV4 the way SDKs do, for authenticator tests.
enum SignedRequest {
    static func make(
        body: String, service: String = "sts", key: String, secret: String, token: String?, date: Date,
        region: String = "us-east-1"
    ) -> HTTPRequest {
        let amzDate = AMZDate.format(date)
        var headers = HTTPHeaders([
            ("Host", "127.0.0.1:4566"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("X-Amz-Date", amzDate),
        ])
        var signed = ["content-type", "host", "x-amz-date"]
        if let token {
            headers.add("X-Amz-Security-Token", token)
            signed.append("x-amz-security-token")
        }
        let payload = Hex.encode(SHA256.hash(data: Array(body.utf8)))
        let canonical = CanonicalRequest(
            method: "POST", rawPath: "/", rawQuery: "", headers: headers, signedHeaders: signed, payloadHash: payload,
            doubleEncodePath: true)
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let signature = SigningKeyCache.signature(
            canonical.stringToSign(amzDate: amzDate, scope: scope),
            key: SigningKeyCache.derive(secret: secret, date: day, region: region, service: service))
        headers.add(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(key)/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
        )
        return HTTPRequest(method: "POST", target: "/", headers: headers, body: .bytes(Array(body.utf8)))
    }
}
