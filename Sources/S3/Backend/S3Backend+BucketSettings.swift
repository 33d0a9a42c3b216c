import AWSCore
import Foundation

/// Bucket policy, bucket tagging and versioning status.
extension S3Backend {
    func putBucketPolicy(_ input: PutBucketPolicyRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:PutBucketPolicy", bucket: bucket)
        let bytes = try Payload.document(input.document)
        let policy = String(decoding: bytes, as: UTF8.self)
        try BucketPolicy.validate(policy)
        try store.write { try $0.setPolicy(policy, bucket: bucket.name) }
        return .noContent
    }

    func getBucketPolicy(_ input: GetBucketPolicyRequest, context: RequestContext) throws -> GetBucketPolicyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:GetBucketPolicy", bucket: bucket)
        guard let policy = bucket.policy else { throw S3Error.noSuchBucketPolicy(bucket: bucket.name) }
        return GetBucketPolicyOutput(Policy: policy)
    }

    func deleteBucketPolicy(_ input: DeleteBucketPolicyRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:DeleteBucketPolicy", bucket: bucket)
        try store.write { try $0.setPolicy(nil, bucket: bucket.name) }
        return .noContent
    }

    func putBucketTagging(_ input: PutBucketTaggingRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:PutBucketTagging", bucket: bucket)
        let tags = try RequestDocuments.tagging(try Payload.document(input.document))
        try tags.validate(forObject: false)
        try store.write { try $0.setBucketTags(tags, bucket: bucket.name) }
        return .noContent
    }

    func getBucketTagging(_ input: GetBucketTaggingRequest, context: RequestContext) throws -> GetBucketTaggingOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:GetBucketTagging", bucket: bucket)
        let tags = try store.read { try $0.bucketTags(bucket.name) }
        guard !tags.isEmpty else { throw S3Error.noSuchTagSet(bucket: bucket.name) }
        return GetBucketTaggingOutput(TagSet: tags)
    }

    /// DeleteBucketTagging is authorized as `s3:PutBucketTagging`, as AWS documents.
    func deleteBucketTagging(_ input: DeleteBucketTaggingRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:PutBucketTagging", bucket: bucket)
        try store.write { try $0.setBucketTags(TagSet(), bucket: bucket.name) }
        return .noContent
    }

    /// Stores the status only; objects are not versioned (each key holds one object).
    func putBucketVersioning(_ input: PutBucketVersioningRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:PutBucketVersioning", bucket: bucket)
        let bytes = try Payload.document(input.document)
        let configuration = try RequestDocuments.versioning(bytes)
        if configuration.mfaDelete == "Enabled" {
            throw S3Error.featureNotImplemented(message: "MFA Delete is not implemented by ebauth.")
        }
        guard let status = configuration.status else { throw S3Error.illegalVersioningConfiguration }
        try store.write { try $0.setVersioning(status, bucket: bucket.name) }
        return .ok
    }

    func getBucketVersioning(_ input: GetBucketVersioningRequest, context: RequestContext) throws
        -> GetBucketVersioningOutput
    {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:GetBucketVersioning", bucket: bucket)
        return GetBucketVersioningOutput(Status: bucket.versioning)
    }

}
