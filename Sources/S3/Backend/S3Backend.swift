import AWSCore
import Foundation
import Storage

/// S3's behaviour: each operation checks the addressed bucket, asks IAM, applies S3's rules and
/// returns its output shape. Operation names appear only in `S3Routes`; SQL only in `S3Store`.
final class S3Backend: Sendable {
    let store: S3Store
    let blobStore: BlobStore
    let authorizer: any Authorizer
    /// The server's base URL, for `Location` in CompleteMultipartUpload answers.
    let endpoint: @Sendable () -> String

    init(environment: ServiceEnvironment) {
        self.store = S3Store(database: environment.database, blobStore: environment.blobStore)
        self.blobStore = environment.blobStore
        self.authorizer = environment.authorizer
        self.endpoint = environment.endpoint
    }
}

extension S3Backend {
    /// The bucket the request addresses, after the checks S3 makes before any other: it exists,
    /// the request is for its region, and it belongs to `x-amz-expected-bucket-owner` if sent.
    func addressedBucket(_ address: BucketAddress, checkRegion: Bool = true) throws -> Bucket {
        let name = address.Bucket
        guard let bucket = try store.bucket(named: name) else { throw S3Error.noSuchBucket(bucket: name) }
        if checkRegion {
            try RegionRule.check(
                bucket: bucket, signedRegion: address.scope.signedRegion, presigned: address.scope.presigned,
                hostRegion: address.scope.hostRegion)
        }
        if let expected = address.ExpectedBucketOwner, expected != bucket.accountID {
            throw S3Error.accessDenied(message: "Access Denied")
        }
        return bucket
    }

    /// Asks IAM whether the caller may perform `action` on the bucket (or one of its objects),
    /// with the bucket policy as the resource policy and the owner's account as the resource's.
    func authorize(
        _ context: RequestContext, _ action: String, bucket: Bucket, key: String? = nil,
        conditionValues: [String: [String]] = [:]
    ) throws {
        let resource = key.map { bucket.objectARN($0) } ?? bucket.arn
        do {
            try authorizer.authorize(
                AuthorizationRequest(
                    context, action: action, resource: resource, resourcePolicy: bucket.policy,
                    resourceAccountID: bucket.accountID, conditionValues: conditionValues))
        } catch {
            throw S3Error.accessDenied(message: error.message(quoteResource: true))
        }
    }

    /// The error for a key that does not exist: 404 NoSuchKey if the caller may list the bucket,
    /// else 403 AccessDenied, so that a caller without `s3:ListBucket` cannot probe for keys.
    func missingKey(_ context: RequestContext, bucket: Bucket, key: String) -> any Error {
        do {
            try authorize(context, "s3:ListBucket", bucket: bucket)
            return S3Error.noSuchKey(key: key)
        } catch {
            return error
        }
    }

    /// The bucket and key an object operation addresses (the key within S3's length limit), and
    /// the caller's permission for `action` on that object.
    func addressedObject(
        _ address: BucketAddress, key: String, _ context: RequestContext, action: String
    ) throws -> Bucket {
        let bucket = try addressedBucket(address)
        try ObjectKey.validate(key)
        try authorize(context, action, bucket: bucket, key: key)
        return bucket
    }
}
