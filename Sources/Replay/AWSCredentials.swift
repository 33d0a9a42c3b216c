import AWSCore
import Crypto
import Foundation
import HTTPServer

/// Keys an AWS client signs with: an account root, an IAM user, or role-session credentials
/// from the instance metadata service (with their token).
public struct AWSCredentials: Sendable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The root of an account under `--enforce-iam`: key = the account id, secret `test`.
    public static func root(account: String) -> AWSCredentials {
        AWSCredentials(accessKeyID: account, secretAccessKey: "test")
    }

    public var description: String { "credentials \(accessKeyID)" }
}

/// SigV4 header signing, with AWSCore's canonical request and key derivation — the same code
/// the server verifies with, so a mismatch in either shows up in both.
public struct SigV4Signer: Sendable {
    let keys = SigningKeyCache()

    public init() {}

    /// Returns the headers to send (Host, X-Amz-Date, X-Amz-Content-Sha256, token, Authorization).
    public func sign(
        method: String, rawPath: String, rawQuery: String, host: String, headers: [(String, String)], body: [UInt8],
        service: String, region: String, credentials: AWSCredentials, date: Date = Date()
    ) -> [(String, String)] {
        let amzDate = AMZDate.format(date)
        let day = String(amzDate.prefix(8))
        let payloadHash = Hex.encode(SHA256.hash(data: body))
        var all = headers
        all.append(("X-Amz-Date", amzDate))
        all.append(("X-Amz-Content-Sha256", payloadHash))
        if let token = credentials.sessionToken { all.append(("X-Amz-Security-Token", token)) }
        var httpHeaders = HTTPHeaders()
        httpHeaders.add("host", host)
        for (name, value) in all { httpHeaders.add(name.lowercased(), value) }
        let signed = (["host"] + all.map { $0.0.lowercased() }).sorted()
        let canonical = CanonicalRequest(
            method: method, rawPath: rawPath, rawQuery: rawQuery, headers: httpHeaders, signedHeaders: signed,
            payloadHash: payloadHash, doubleEncodePath: service != "s3")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let key = keys.key(secret: credentials.secretAccessKey, date: day, region: region, service: service)
        let signature = SigningKeyCache.signature(canonical.stringToSign(amzDate: amzDate, scope: scope), key: key)
        all.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
            ))
        return all
    }
}
