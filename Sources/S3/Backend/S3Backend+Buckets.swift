import AWSCore
import Foundation

extension S3Backend {
    func createBucket(_ input: CreateBucketRequest, context: RequestContext) throws -> CreateBucketOutput {
        let name = input.Bucket
        try BucketName.validate(name)
        if input.ObjectLockEnabledForBucket?.lowercased() == "true" {
            throw S3Error.notImplemented(header: "x-amz-bucket-object-lock-enabled")
        }
        let bytes = try RequestDocuments.read(input.CreateBucketConfiguration)
        let constraint = try RequestDocuments.locationConstraint(bytes)
        let region = try Regions.bucketRegion(
            constraint: constraint, requestRegion: context.region, regionalHost: input.hostRegion != nil)
        let candidate = Bucket(
            name: name, accountID: context.accountID, region: region, locationConstraint: constraint,
            createdAt: context.clock.now(), policy: nil, versioning: nil)
        try authorize(context, "s3:CreateBucket", bucket: candidate)
        if case .exists(let existing) = try store.write({ try $0.createBucket(candidate) }) {
            guard existing.accountID == context.accountID else { throw S3Error.bucketAlreadyExists(bucket: name) }
            // us-east-1 keeps its legacy answer: creating your own bucket again succeeds.
            guard existing.region == Regions.usEast1 && region == Regions.usEast1 else {
                throw S3Error.bucketAlreadyOwnedByYou(bucket: name)
            }
        }
        return CreateBucketOutput(Location: "/\(name)")
    }

    func headBucket(_ input: HeadBucketRequest, context: RequestContext) throws -> HeadBucketOutput {
        let bucket = try addressedBucket(input.bucket)
        do {
            try authorize(context, "s3:ListBucket", bucket: bucket)
        } catch let error as S3Error {
            // The region is told even to callers who may not list the bucket; SDKs rely on it.
            var aws = error.awsError
            aws.headers.append(.init("x-amz-bucket-region", bucket.region))
            throw aws
        }
        return HeadBucketOutput(BucketRegion: bucket.region, AccessPointAlias: false)
    }

    /// Answers from any region, as it is how clients find a bucket's region.
    func getBucketLocation(_ input: GetBucketLocationRequest, context: RequestContext) throws
        -> GetBucketLocationOutput
    {
        let bucket = try addressedBucket(input.bucket, checkRegion: false)
        try authorize(context, "s3:GetBucketLocation", bucket: bucket)
        let constraint = bucket.region == Regions.usEast1 ? nil : (bucket.locationConstraint ?? bucket.region)
        return GetBucketLocationOutput(LocationConstraint: constraint)
    }

    func listBuckets(_ input: ListBucketsRequest, context: RequestContext) throws -> ListBucketsOutput {
        try authorizeAccountAction(context, "s3:ListAllMyBuckets")
        var limit = 10_000
        if let text = input.MaxBuckets {
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw S3Error.invalidArgument(
                    message: "The maxBuckets parameter must be between 1 and 10000", name: "max-buckets", value: text)
            }
            limit = value
        }
        var after: String?
        if let token = input.ContinuationToken {
            guard let decoded = ContinuationToken.decode(token) else {
                throw S3Error.invalidArgument(
                    message: "The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            after = decoded
        }
        let buckets = try store.read {
            try $0.buckets(
                accountID: context.accountID, prefix: input.Prefix, region: input.BucketRegion, after: after,
                limit: limit + 1)
        }
        let page = Array(buckets.prefix(limit))
        var token: String?
        if buckets.count > limit, let last = page.last { token = ContinuationToken.encode(last.name) }
        return ListBucketsOutput(
            Buckets: page, Owner: context.accountID, ContinuationToken: token, Prefix: input.Prefix)
    }

    func deleteBucket(_ input: DeleteBucketRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:DeleteBucket", bucket: bucket)
        try store.write { try $0.deleteBucket(named: bucket.name) }
        return .noContent
    }

    /// Actions on the account rather than a bucket (ListAllMyBuckets).
    func authorizeAccountAction(_ context: RequestContext, _ action: String) throws {
        do {
            try authorizer.authorize(AuthorizationRequest(context, action: action, resource: "arn:aws:s3:::*"))
        } catch {
            throw S3Error.accessDenied(message: error.message(quoteResource: true))
        }
    }
}

/// Continuation tokens are opaque to clients; ours carry the last name returned.
enum ContinuationToken {
    static func encode(_ last: String) -> String { Data(("ebauth:" + last).utf8).base64EncodedString() }

    static func decode(_ token: String) -> String? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("ebauth:")
        else { return nil }
        return String(text.dropFirst("ebauth:".count))
    }
}
