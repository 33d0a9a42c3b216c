import Crypto
import Foundation
import HTTPServer

/// Checks SigV4 on incoming requests and names the caller.
///
/// Without `enforce`, like other local emulators, any well-formed access key is accepted
/// unverified as an administrator of an account (a 12-digit key names that account); with it,
/// only known keys are accepted and every signature is verified against the key's secret.
/// Time rules (clock skew, presigned expiry) apply in both modes, as they do on AWS.
public struct SigV4Authenticator: Sendable {
    public var credentials: any CredentialStore
    public var enforce: Bool
    public var clock: AWSClock
    public var defaultAccountID: String
    let keys = SigningKeyCache()

    static let maxSkew: TimeInterval = 15 * 60

    public init(
        credentials: any CredentialStore = DefaultCredentials(), enforce: Bool = false, clock: AWSClock = .system,
        defaultAccountID: String = DefaultCredentials.accountID
    ) {
        self.credentials = credentials
        self.enforce = enforce
        self.clock = clock
        self.defaultAccountID = defaultAccountID
    }

    /// - Parameter signingName: the service the request is for, as SigV4 names it (`s3`, `ssm`).
    public func authenticate(
        _ request: HTTPRequest, query: QueryItems, signingName: String
    ) throws(SigV4Error) -> Authentication {
        let now = clock.now()
        let signature: SigV4Signature
        let amzDateText: String
        if let authorization = request.headers["authorization"] {
            signature = try SigV4Parser.parseHeader(authorization)
            guard
                let date = request.headers["x-amz-date"] ?? request.headers["date"].flatMap(Self.amzDate(fromHTTPDate:))
            else {
                throw .incompleteSignature(missing: ["X-Amz-Date"], authorization: authorization)
            }
            amzDateText = date
        } else if SigV4Parser.isPresigned(query) {
            signature = try SigV4Parser.parseQuery(query)
            amzDateText = query["X-Amz-Date"]!
        } else if signingName == "s3", SigV2QueryAuth.isPresent(query) {
            return try authenticateLegacyQuery(request, query: query, now: now)
        } else {
            guard !enforce || signingName == "s3" else { throw .missingAuthentication }
            let identity: CallerIdentity =
                enforce ? .anonymous(accountID: defaultAccountID) : .root(accountID: defaultAccountID, accessKeyID: "")
            return Authentication(identity: identity)
        }

        let credential = signature.credential
        guard credential.terminator == "aws4_request" else { throw .wrongTerminator(credential.terminator) }
        guard let requestDate = AMZDate.parse(amzDateText) else { throw .invalidDate(amzDateText) }
        guard credential.date == String(amzDateText.prefix(8)) else {
            throw .scopeDateMismatch(scope: credential.date, date: String(amzDateText.prefix(8)), amzDate: amzDateText)
        }
        guard credential.service == signingName else {
            throw .wrongService(expected: signingName, got: credential.service)
        }
        guard signature.signedHeaders.contains("host") else { throw .hostNotSigned }
        switch signature.location {
        case .header:
            if abs(now.timeIntervalSince(requestDate)) > Self.maxSkew {
                throw .requestTimeTooSkewed(requestTime: requestDate, serverTime: now)
            }
        case .query(let expires):
            let expiresAt = requestDate.addingTimeInterval(TimeInterval(expires))
            if now > expiresAt { throw .presignedExpired(expires: expires, expiredAt: expiresAt, serverTime: now) }
            if requestDate.timeIntervalSince(now) > Self.maxSkew {
                throw .requestTimeTooSkewed(requestTime: requestDate, serverTime: now)
            }
        }

        guard let known = credentials.credential(forAccessKey: credential.accessKeyID) else {
            if enforce { throw .unknownAccessKey(credential.accessKeyID) }
            let account = Self.isAccountID(credential.accessKeyID) ? credential.accessKeyID : defaultAccountID
            return Authentication(
                identity: .root(accountID: account, accessKeyID: credential.accessKeyID), region: credential.region,
                signature: signature, amzDate: amzDateText, signingKey: nil)
        }
        if let expected = known.sessionToken {
            let presented = request.headers["x-amz-security-token"] ?? query["X-Amz-Security-Token"]
            // The session token is a bearer secret: compared in constant time, like signatures.
            guard let presented, constantTimeEquals(presented, expected) else { throw .invalidToken }
            if let expiration = known.expiration, now >= expiration { throw .expiredToken }
        }
        guard enforce else {
            return Authentication(
                identity: known.identity, region: credential.region, signature: signature, amzDate: amzDateText,
                signingKey: nil)
        }

        let key = keys.key(
            secret: known.secretAccessKey, date: credential.date, region: credential.region, service: credential.service
        )
        let canonical = CanonicalRequest(
            method: request.method, rawPath: request.path, rawQuery: request.query, headers: request.headers,
            signedHeaders: signature.signedHeaders,
            payloadHash: try payloadHash(request, signature: signature, signingName: signingName),
            doubleEncodePath: signingName != "s3")
        let stringToSign = canonical.stringToSign(amzDate: amzDateText, scope: credential.scope)
        let computed = SigningKeyCache.signature(stringToSign, key: key)
        guard constantTimeEquals(computed, signature.signature) else {
            throw .signatureDoesNotMatch(
                accessKeyID: credential.accessKeyID, stringToSign: stringToSign, signatureProvided: signature.signature,
                canonicalRequest: canonical.text)
        }
        return Authentication(
            identity: known.identity, region: credential.region, signature: signature, amzDate: amzDateText,
            signingKey: key)
    }

    /// S3's SigV2 presigned URLs: `Expires` is an absolute epoch time.
    func authenticateLegacyQuery(_ request: HTTPRequest, query: QueryItems, now: Date) throws(SigV4Error)
        -> Authentication
    {
        let accessKeyID = query["AWSAccessKeyId"]!
        let expiresText = query["Expires"]!
        guard let epoch = Int(expiresText) else { throw .invalidExpires }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(epoch))
        if now > expiresAt { throw .presignedV2Expired(expiredAt: expiresAt, serverTime: now) }
        guard let known = credentials.credential(forAccessKey: accessKeyID) else {
            if enforce { throw .unknownAccessKey(accessKeyID) }
            let account = Self.isAccountID(accessKeyID) ? accessKeyID : defaultAccountID
            return Authentication(identity: .root(accountID: account, accessKeyID: accessKeyID))
        }
        if enforce {
            let stringToSign = SigV2QueryAuth.stringToSign(request, query: query, expires: expiresText)
            let expected = SigV2QueryAuth.signature(stringToSign, secret: known.secretAccessKey)
            guard constantTimeEquals(expected, query["Signature"]!) else {
                throw .signatureDoesNotMatch(
                    accessKeyID: accessKeyID, stringToSign: stringToSign, signatureProvided: query["Signature"]!,
                    canonicalRequest: "")
            }
        }
        return Authentication(identity: known.identity)
    }

    /// The payload hash the client signed: S3 states it in `x-amz-content-sha256`; the other
    /// services sign the SHA-256 of the body.
    func payloadHash(_ request: HTTPRequest, signature: SigV4Signature, signingName: String) throws(SigV4Error)
        -> String
    {
        if let declared = request.headers["x-amz-content-sha256"] { return declared }
        if signingName == "s3" {
            if case .query = signature.location { return "UNSIGNED-PAYLOAD" }
            throw .missingContentSHA256
        }
        var hasher = SHA256()
        try? request.body.forEachChunk { hasher.update(bufferPointer: $0) }
        return Hex.encode(hasher.finalize())
    }

    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// SigV4 allows the HTTP Date header (RFC 1123) in place of X-Amz-Date.
    static func amzDate(fromHTTPDate text: String) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map(AMZDate.format)
    }
}
