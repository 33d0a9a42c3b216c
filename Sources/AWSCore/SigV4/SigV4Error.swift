import Foundation

/// Why a request's signature was refused. Each case knows the code, status and message AWS
/// gives for it in each protocol, because S3, the JSON services and the query services say
/// the same thing in different words.
public enum SigV4Error: Error, Equatable, Sendable {
    case missingAuthentication
    case incompleteSignature(missing: [String], authorization: String)
    case unsupportedAlgorithm(String)
    case malformedCredential(String)
    case wrongTerminator(String)
    case wrongService(expected: String, got: String)
    case missingDate
    case invalidDate(String)
    case scopeDateMismatch(scope: String, date: String, amzDate: String)
    case unknownAccessKey(String)
    case signatureDoesNotMatch(
        accessKeyID: String, stringToSign: String, signatureProvided: String, canonicalRequest: String)
    case requestTimeTooSkewed(requestTime: Date, serverTime: Date)
    case presignedExpired(expires: Int, expiredAt: Date, serverTime: Date)
    case presignedExpiresTooLong
    /// Legacy (SigV2) presigned URL past its `Expires` time.
    case presignedV2Expired(expiredAt: Date, serverTime: Date)
    case presignedIncomplete
    case invalidExpires
    case expiredToken
    case invalidToken
    case missingContentSHA256
    case invalidContentSHA256
    case contentSHA256Mismatch(client: String, computed: String)
    case hostNotSigned

    static let mismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    public func awsError(for wire: AWSProtocol) -> AWSError {
        switch wire {
        case .restXML: s3Error
        case .json11: jsonError
        case .query: queryError
        }
    }

    /// S3 words, verified against the S3 error-code list.
    var s3Error: AWSError {
        switch self {
        case .missingAuthentication:
            AWSError(code: "AccessDenied", message: "Access Denied", status: 403)
        case .incompleteSignature, .malformedCredential, .wrongTerminator, .scopeDateMismatch, .wrongService:
            AWSError(
                code: "AuthorizationHeaderMalformed", message: "The authorization header is malformed; \(detail)",
                status: 400)
        case .unsupportedAlgorithm:
            AWSError(
                code: "InvalidRequest",
                message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
                status: 400)
        case .missingDate, .invalidDate:
            AWSError(
                code: "AccessDenied", message: "AWS authentication requires a valid Date or x-amz-date header",
                status: 403)
        case .unknownAccessKey(let key):
            AWSError(
                code: "InvalidAccessKeyId",
                message: "The AWS Access Key Id you provided does not exist in our records.",
                status: 403, details: [.init("AWSAccessKeyId", key)])
        case .signatureDoesNotMatch(let key, let stringToSign, let provided, let canonical):
            AWSError(
                code: "SignatureDoesNotMatch",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                status: 403,
                details: [
                    .init("AWSAccessKeyId", key), .init("StringToSign", stringToSign),
                    .init("SignatureProvided", provided),
                    .init("StringToSignBytes", Self.spacedHex(stringToSign)),
                    .init("CanonicalRequest", canonical),
                    .init("CanonicalRequestBytes", Self.spacedHex(canonical)),
                ])
        case .requestTimeTooSkewed(let requestTime, let serverTime):
            AWSError(
                code: "RequestTimeTooSkewed",
                message: "The difference between the request time and the current time is too large.", status: 403,
                details: [
                    .init("RequestTime", AMZDate.format(requestTime)), .init("ServerTime", AMZDate.iso8601(serverTime)),
                    .init("MaxAllowedSkewMilliseconds", "900000"),
                ])
        case .presignedExpired(let expires, let expiredAt, let serverTime):
            AWSError(
                code: "AccessDenied", message: "Request has expired", status: 403,
                details: [
                    .init("X-Amz-Expires", String(expires)), .init("Expires", AMZDate.iso8601(expiredAt)),
                    .init("ServerTime", AMZDate.iso8601(serverTime)),
                ])
        case .presignedV2Expired(let expiredAt, let serverTime):
            AWSError(
                code: "AccessDenied", message: "Request has expired", status: 403,
                details: [
                    .init("Expires", AMZDate.iso8601(expiredAt)), .init("ServerTime", AMZDate.iso8601(serverTime)),
                ])
        case .presignedExpiresTooLong:
            AWSError(
                code: "AuthorizationQueryParametersError",
                message: "X-Amz-Expires must be less than a week (in seconds) that is 604800", status: 400)
        case .invalidExpires:
            AWSError(
                code: "AuthorizationQueryParametersError",
                message: "X-Amz-Expires should be a number", status: 400)
        case .presignedIncomplete:
            AWSError(
                code: "AuthorizationQueryParametersError",
                message:
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
                status: 400)
        case .expiredToken:
            AWSError(code: "ExpiredToken", message: "The provided token has expired.", status: 400)
        case .invalidToken:
            AWSError(
                code: "InvalidToken", message: "The provided token is malformed or otherwise invalid.", status: 400)
        case .missingContentSHA256:
            AWSError(
                code: "InvalidRequest", message: "Missing required header for this request: x-amz-content-sha256",
                status: 400)
        case .invalidContentSHA256:
            AWSError(
                code: "InvalidArgument",
                message:
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                status: 400)
        case .contentSHA256Mismatch(let client, let computed):
            AWSError(
                code: "XAmzContentSHA256Mismatch",
                message: "The provided 'x-amz-content-sha256' header does not match what was computed.", status: 400,
                details: [.init("ClientComputedContentSHA256", client), .init("S3ComputedContentSHA256", computed)])
        case .hostNotSigned:
            AWSError(
                code: "AccessDenied",
                message: "There were headers present in the request which were not signed", status: 403,
                details: [.init("HeadersNotSigned", "host")])
        }
    }

    /// The JSON 1.1 services' words (SSM, ECR), as botocore users see them.
    var jsonError: AWSError {
        switch self {
        case .missingAuthentication:
            AWSError(code: "MissingAuthenticationTokenException", message: "Missing Authentication Token", status: 400)
        case .incompleteSignature, .malformedCredential, .unsupportedAlgorithm, .wrongTerminator, .missingDate,
            .invalidDate, .presignedIncomplete, .invalidExpires, .hostNotSigned:
            AWSError(code: "IncompleteSignatureException", message: detail, status: 400)
        case .scopeDateMismatch, .wrongService, .presignedExpiresTooLong:
            AWSError(code: "InvalidSignatureException", message: detail, status: 400)
        case .unknownAccessKey, .invalidToken:
            AWSError(
                code: "UnrecognizedClientException", message: "The security token included in the request is invalid.",
                status: 400)
        case .signatureDoesNotMatch, .contentSHA256Mismatch, .missingContentSHA256, .invalidContentSHA256:
            AWSError(code: "InvalidSignatureException", message: Self.mismatchMessage, status: 400)
        case .requestTimeTooSkewed, .presignedExpired, .presignedV2Expired:
            AWSError(code: "InvalidSignatureException", message: detail, status: 400)
        case .expiredToken:
            AWSError(
                code: "ExpiredTokenException", message: "The security token included in the request is expired",
                status: 400)
        }
    }

    /// The query services' words (IAM, STS).
    var queryError: AWSError {
        switch self {
        case .missingAuthentication:
            AWSError(
                code: "MissingAuthenticationToken", message: "Request is missing Authentication Token", status: 403)
        case .incompleteSignature, .malformedCredential, .unsupportedAlgorithm, .wrongTerminator, .missingDate,
            .invalidDate, .presignedIncomplete, .invalidExpires, .hostNotSigned:
            AWSError(code: "IncompleteSignature", message: detail, status: 400)
        case .unknownAccessKey, .invalidToken:
            AWSError(
                code: "InvalidClientTokenId", message: "The security token included in the request is invalid.",
                status: 403)
        case .signatureDoesNotMatch, .contentSHA256Mismatch, .missingContentSHA256, .invalidContentSHA256:
            AWSError(code: "SignatureDoesNotMatch", message: Self.mismatchMessage, status: 403)
        case .scopeDateMismatch, .wrongService, .presignedExpiresTooLong, .requestTimeTooSkewed, .presignedExpired,
            .presignedV2Expired:
            AWSError(code: "SignatureDoesNotMatch", message: detail, status: 403)
        case .expiredToken:
            AWSError(
                code: "ExpiredToken", message: "The security token included in the request is expired", status: 403)
        }
    }

    /// The specific sentence AWS adds for malformed and time-related failures.
    var detail: String {
        switch self {
        case .incompleteSignature(let missing, let authorization):
            return missing.map { requirement in
                requirement == "X-Amz-Date"
                    ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                    : "Authorization header requires '\(requirement)' parameter."
            }.joined(separator: " ") + " Authorization=\(authorization)"
        case .unsupportedAlgorithm(let authorization):
            return
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=\(authorization)"
        case .malformedCredential:
            return "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
        case .wrongTerminator(let terminator):
            return "Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'."
        case .wrongService(let expected, _):
            return "Credential should be scoped to correct service: '\(expected)'. "
        case .scopeDateMismatch(let scope, let date, let amzDate):
            return
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scope)' != '\(date)', from '\(amzDate)'."
        case .missingDate, .invalidDate:
            return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
        case .requestTimeTooSkewed(let requestTime, let serverTime):
            let limit = AMZDate.format(serverTime.addingTimeInterval(requestTime < serverTime ? -900 : 900))
            return requestTime < serverTime
                ? "Signature expired: \(AMZDate.format(requestTime)) is now earlier than \(limit) (\(AMZDate.format(serverTime)) - 15 min.)"
                : "Signature not yet current: \(AMZDate.format(requestTime)) is still later than \(limit) (\(AMZDate.format(serverTime)) + 15 min.)"
        case .presignedExpired(_, let expiredAt, let serverTime), .presignedV2Expired(let expiredAt, let serverTime):
            return "Signature expired: \(AMZDate.format(expiredAt)) is now earlier than \(AMZDate.format(serverTime))."
        case .presignedExpiresTooLong:
            return "X-Amz-Expires must be less than a week (in seconds) that is 604800"
        case .presignedIncomplete:
            return
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
        case .invalidExpires:
            return "X-Amz-Expires should be a number"
        case .hostNotSigned:
            return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
        default:
            return ""
        }
    }

    /// The bytes of `text` as two-digit hex, space-separated, as AWS lists them in signature errors.
    static func spacedHex(_ text: String) -> String {
        text.utf8.map { Hex.encode(CollectionOfOne($0)) }.joined(separator: " ")
    }
}
