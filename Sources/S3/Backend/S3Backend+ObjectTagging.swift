import AWSCore
import Foundation

extension S3Backend {
    func getObjectTagging(_ input: GetObjectTaggingRequest, context: RequestContext) throws
        -> GetObjectTaggingOutput
    {
        let bucket = try taggedObject(input, context, action: "s3:GetObjectTagging")
        guard let object = try store.object(bucket: bucket.name, key: input.Key) else {
            throw missingKey(context, bucket: bucket, key: input.Key)
        }
        return GetObjectTaggingOutput(TagSet: object.tags)
    }

    func putObjectTagging(_ input: PutObjectTaggingRequest, context: RequestContext) throws -> EmptyOutput {
        let key = input.object.Key
        let bucket = try taggedObject(input.object, context, action: "s3:PutObjectTagging")
        let tags = try RequestDocuments.tagging(try Payload.document(input.Tagging))
        try tags.validate(forObject: true)
        guard try store.write({ try $0.setObjectTags(tags, bucket: bucket.name, key: key) }) else {
            throw missingKey(context, bucket: bucket, key: key)
        }
        return .ok
    }

    func deleteObjectTagging(_ input: DeleteObjectTaggingRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try taggedObject(input, context, action: "s3:DeleteObjectTagging")
        guard try store.write({ try $0.setObjectTags(TagSet(), bucket: bucket.name, key: input.Key) }) else {
            throw missingKey(context, bucket: bucket, key: input.Key)
        }
        return .noContent
    }

    /// Bucket, key, authorization and the `null`-version rule shared by object sub-resources.
    private func taggedObject(_ input: ObjectTaggingRequest, _ context: RequestContext, action: String) throws
        -> Bucket
    {
        let bucket = try addressedObject(input.bucket, key: input.Key, context, action: action)
        try Self.requireNullVersion(input.VersionId)
        return bucket
    }
}
