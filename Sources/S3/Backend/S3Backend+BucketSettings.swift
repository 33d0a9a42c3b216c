import AWSCore
import Foundation
import HTTPServer

/// Bucket policy, bucket tagging and versioning status.
extension S3Backend {
    func putBucketPolicy(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:PutBucketPolicy", bucket: bucket)
        let bytes = try RequestDocuments.read(request.body)
        try Payload.verifyDocument(bytes, claims: try IntegrityClaims(request), required: true)
        let policy = String(decoding: bytes, as: UTF8.self)
        try BucketPolicy.validate(policy)
        try store.setPolicy(policy, bucket: bucket.name)
        return S3Response.empty(status: 204)
    }

    func getBucketPolicy(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:GetBucketPolicy", bucket: bucket)
        guard let policy = bucket.policy else { throw S3Error.noSuchBucketPolicy(bucket: bucket.name) }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        return HTTPResponse(status: 200, headers: headers, bytes: Array(policy.utf8))
    }

    func deleteBucketPolicy(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:DeleteBucketPolicy", bucket: bucket)
        try store.setPolicy(nil, bucket: bucket.name)
        return S3Response.empty(status: 204)
    }

    func putBucketTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:PutBucketTagging", bucket: bucket)
        let bytes = try RequestDocuments.read(request.body)
        try Payload.verifyDocument(bytes, claims: try IntegrityClaims(request), required: true)
        let tags = try RequestDocuments.tagging(bytes)
        try tags.validate(forObject: false)
        try store.setBucketTags(tags, bucket: bucket.name)
        return S3Response.empty(status: 204)
    }

    func getBucketTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:GetBucketTagging", bucket: bucket)
        let tags = try store.bucketTags(bucket.name)
        guard !tags.isEmpty else { throw S3Error.noSuchTagSet(bucket: bucket.name) }
        return S3Response.xml("Tagging", [Self.tagSetElement(tags)])
    }

    /// DeleteBucketTagging is authorized as `s3:PutBucketTagging`, as AWS documents.
    func deleteBucketTagging(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:PutBucketTagging", bucket: bucket)
        try store.setBucketTags(TagSet(), bucket: bucket.name)
        return S3Response.empty(status: 204)
    }

    /// Stores the status only; objects are not versioned (each key holds one object).
    func putBucketVersioning(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:PutBucketVersioning", bucket: bucket)
        let bytes = try RequestDocuments.read(request.body)
        try Payload.verifyDocument(bytes, claims: try IntegrityClaims(request), required: true)
        let configuration = try RequestDocuments.versioning(bytes)
        if configuration.mfaDelete == "Enabled" {
            throw S3Error.featureNotImplemented(message: "MFA Delete is not implemented by ebauth.")
        }
        guard let status = configuration.status else { throw S3Error.illegalVersioningConfiguration }
        try store.setVersioning(status, bucket: bucket.name)
        return S3Response.empty()
    }

    func getBucketVersioning(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:GetBucketVersioning", bucket: bucket)
        return S3Response.xml("VersioningConfiguration", S3Response.leaf("Status", bucket.versioning?.rawValue))
    }

    static func tagSetElement(_ tags: TagSet) -> XMLTree {
        .node("TagSet", tags.tags.map { .node("Tag", [.leaf("Key", $0.key), .leaf("Value", $0.value)]) })
    }
}
