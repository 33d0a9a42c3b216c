import Crypto
import Foundation
import HTTPServer

/// S3's legacy query-string authentication (`AWSAccessKeyId`, `Expires`, `Signature`).
///
/// boto3's `generate_presigned_url` for S3 still produces these unless the client is configured
/// with `signature_version="s3v4"`, so ebauth checks them as S3 does: expiry always, the
/// HMAC-SHA1 signature when IAM is enforced.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
enum SigV2QueryAuth {
    static func isPresent(_ query: QueryItems) -> Bool {
        query.contains("AWSAccessKeyId") && query.contains("Signature") && query.contains("Expires")
    }

    /// Subresources that are part of the canonicalized resource (botocore `HmacV1Auth.QSAOfInterest`).
    static let signedSubresources: Set<String> = [
        "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber", "policy",
        "requestPayment", "torrent", "versioning", "versionId", "versions", "website", "uploads", "uploadId",
        "response-content-type", "response-content-language", "response-expires", "response-cache-control",
        "response-content-disposition", "response-content-encoding", "delete", "lifecycle", "tagging", "restore",
        "storageClass", "notification", "replication", "analytics", "metrics", "inventory", "select", "select-type",
        "object-lock",
    ]

    static func stringToSign(_ request: HTTPRequest, query: QueryItems, expires: String) -> String {
        var amzHeaders: [(String, String)] = []
        for field in request.headers where field.name.lowercased().hasPrefix("x-amz-") {
            amzHeaders.append((field.name.lowercased(), field.value.trimmingCharacters(in: " ")))
        }
        amzHeaders.sort { $0.0 < $1.0 }
        var resource = request.path
        let subresources = query.items.filter { signedSubresources.contains($0.name) }
            .sorted { $0.name < $1.name }
            .map { $0.value.isEmpty && !request.query.contains("\($0.name)=") ? $0.name : "\($0.name)=\($0.value)" }
        if !subresources.isEmpty { resource += "?" + subresources.joined(separator: "&") }
        var lines = [
            request.method, request.headers["content-md5"] ?? "", request.headers["content-type"] ?? "", expires,
        ]
        lines += amzHeaders.map { "\($0.0):\($0.1)" }
        lines.append(resource)
        return lines.joined(separator: "\n")
    }

    static func signature(_ stringToSign: String, secret: String) -> String {
        let code = HMAC<Insecure.SHA1>.authenticationCode(
            for: Array(stringToSign.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return Data(code).base64EncodedString()
    }
}
