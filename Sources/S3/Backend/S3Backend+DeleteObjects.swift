import AWSCore
import Foundation

extension S3Backend {
    /// Deleting a key that does not exist succeeds, as on S3.
    func deleteObject(_ input: DeleteObjectRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedObject(input.bucket, key: input.Key, context, action: "s3:DeleteObject")
        try Self.requireNullVersion(input.VersionId)
        try store.write { _ = try $0.deleteObject(bucket: bucket.name, key: input.Key) }
        return .noContent
    }

    /// Up to 1000 keys; each is authorized and answered on its own. The body must carry
    /// Content-MD5 or a flexible checksum (SDKs now send CRC32 instead of Content-MD5).
    func deleteObjects(_ input: DeleteObjectsRequest, context: RequestContext) throws -> DeleteObjectsOutput {
        let bucket = try addressedBucket(input.bucket)
        let document = try RequestDocuments.delete(try Payload.document(input.Delete))
        var entries: [DeleteObjectsOutput.Entry] = []
        for (key, versionID) in document.keys {
            do {
                try ObjectKey.validate(key)
                try authorize(context, "s3:DeleteObject", bucket: bucket, key: key)
                if let versionID, versionID != "null" {
                    throw S3Error.noSuchVersion(key: key, versionID: versionID)
                }
                try store.write { _ = try $0.deleteObject(bucket: bucket.name, key: key) }
                if !document.quiet { entries.append(.deleted(key: key, versionID: versionID)) }
            } catch let error as S3Error {
                let aws = error.awsError
                // Per-key denials say only "Access Denied", as S3's DeleteResult does.
                let message = aws.code == "AccessDenied" ? "Access Denied" : aws.message
                entries.append(.error(key: key, versionID: versionID, code: aws.code, message: message))
            }
        }
        return DeleteObjectsOutput(entries: entries)
    }
}
