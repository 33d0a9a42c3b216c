import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    /// Deleting a key that does not exist succeeds, as on S3.
    func deleteObject(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:DeleteObject", bucket: bucket, key: key)
        try Self.requireNullVersion(request)
        try store.deleteObject(bucket: bucket.name, key: key)
        return S3Response.empty(status: 204)
    }

    /// Up to 1000 keys; each is authorized and answered on its own. The body must carry
    /// Content-MD5 or a flexible checksum (SDKs now send CRC32 instead of Content-MD5).
    func deleteObjects(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let bytes = try RequestDocuments.read(request.body)
        try Payload.verifyDocument(bytes, claims: try IntegrityClaims(request), required: true)
        let document = try RequestDocuments.delete(bytes)
        var results: [XMLTree] = []
        for (key, versionID) in document.keys {
            do {
                try ObjectKey.validate(key)
                try authorize(request, "s3:DeleteObject", bucket: bucket, key: key)
                if let versionID, versionID != "null" {
                    throw S3Error.noSuchVersion(key: key, versionID: versionID)
                }
                try store.deleteObject(bucket: bucket.name, key: key)
                if !document.quiet {
                    results.append(.node("Deleted", [.leaf("Key", key)] + S3Response.leaf("VersionId", versionID)))
                }
            } catch let error as S3Error {
                let aws = error.awsError
                // Per-key denials say only "Access Denied", as S3's DeleteResult does.
                let message = aws.code == "AccessDenied" ? "Access Denied" : aws.message
                results.append(
                    .node(
                        "Error",
                        [.leaf("Key", key)] + S3Response.leaf("VersionId", versionID)
                            + [.leaf("Code", aws.code), .leaf("Message", message)]))
            }
        }
        return S3Response.xml("DeleteResult", results)
    }
}
