import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func getObjectTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let (bucket, key) = try addressedObject(request, action: "s3:GetObjectTagging")
        guard let object = try store.object(bucket: bucket.name, key: key) else {
            throw missingKey(request, bucket: bucket, key: key)
        }
        return S3Response.xml("Tagging", [Self.tagSetElement(object.tags)])
    }

    func putObjectTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let (bucket, key) = try addressedObject(request, action: "s3:PutObjectTagging")
        let bytes = try RequestDocuments.read(request.body)
        try Payload.verifyDocument(bytes, claims: try IntegrityClaims(request), required: true)
        let tags = try RequestDocuments.tagging(bytes)
        try tags.validate(forObject: true)
        guard try store.setObjectTags(tags, bucket: bucket.name, key: key) else {
            throw missingKey(request, bucket: bucket, key: key)
        }
        return S3Response.empty()
    }

    func deleteObjectTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let (bucket, key) = try addressedObject(request, action: "s3:DeleteObjectTagging")
        guard try store.setObjectTags(TagSet(), bucket: bucket.name, key: key) else {
            throw missingKey(request, bucket: bucket, key: key)
        }
        return S3Response.empty(status: 204)
    }

    /// Bucket, key, authorization and the `null`-version rule shared by object sub-resources.
    func addressedObject(_ request: AWSRequest, action: String) throws -> (Bucket, String) {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, action, bucket: bucket, key: key)
        try Self.requireNullVersion(request)
        return (bucket, key)
    }
}
