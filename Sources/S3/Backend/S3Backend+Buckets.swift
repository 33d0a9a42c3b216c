import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func createBucket(_ request: AWSRequest) throws -> HTTPResponse {
        let name = request.bucketName
        try BucketName.validate(name)
        if request.header("x-amz-bucket-object-lock-enabled")?.lowercased() == "true" {
            throw S3Error.notImplemented(header: "x-amz-bucket-object-lock-enabled")
        }
        let constraint = try RequestDocuments.locationConstraint(try RequestDocuments.read(request.body))
        let region = try Regions.bucketRegion(
            constraint: constraint, requestRegion: request.context.region, regionalHost: request.address?.hostRegion != nil)
        let candidate = Bucket(
            name: name, accountID: request.context.accountID, region: region, locationConstraint: constraint,
            createdAt: request.now, policy: nil, versioning: nil)
        try authorize(request, "s3:CreateBucket", bucket: candidate)
        if case .exists(let existing) = try store.createBucket(candidate) {
            guard existing.accountID == request.context.accountID else { throw S3Error.bucketAlreadyExists(bucket: name) }
            // us-east-1 keeps its legacy answer: creating your own bucket again succeeds.
            guard existing.region == Regions.usEast1 && region == Regions.usEast1 else {
                throw S3Error.bucketAlreadyOwnedByYou(bucket: name)
            }
        }
        var headers = HTTPHeaders()
        headers.add("Location", "/\(name)")
        return S3Response.empty(headers: headers)
    }

    func headBucket(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        var headers = HTTPHeaders()
        headers.add("x-amz-bucket-region", bucket.region)
        headers.add("x-amz-access-point-alias", "false")
        do {
            try authorize(request, "s3:ListBucket", bucket: bucket)
        } catch let error as S3Error {
            // The region is told even to callers who may not list the bucket; SDKs rely on it.
            var aws = error.awsError
            aws.headers.append(.init("x-amz-bucket-region", bucket.region))
            throw aws
        }
        return S3Response.empty(headers: headers)
    }

    /// Answers from any region, as it is how clients find a bucket's region.
    func getBucketLocation(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request, checkRegion: false)
        try authorize(request, "s3:GetBucketLocation", bucket: bucket)
        let constraint = bucket.region == Regions.usEast1 ? nil : (bucket.locationConstraint ?? bucket.region)
        return S3Response.xml("LocationConstraint", constraint.map { [.text($0)] } ?? [])
    }

    func listBuckets(_ request: AWSRequest) throws -> HTTPResponse {
        try authorizeAccountAction(request, "s3:ListAllMyBuckets")
        var limit = 10_000
        if let text = request.query("max-buckets") {
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw S3Error.invalidArgument(
                    message: "The maxBuckets parameter must be between 1 and 10000", name: "max-buckets", value: text)
            }
            limit = value
        }
        var after: String?
        if let token = request.query("continuation-token") {
            guard let decoded = ContinuationToken.decode(token) else {
                throw S3Error.invalidArgument(
                    message: "The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            after = decoded
        }
        let prefix = request.query("prefix")
        let buckets = try store.buckets(
            accountID: request.context.accountID, prefix: prefix, region: request.query("bucket-region"), after: after,
            limit: limit + 1)
        let page = buckets.prefix(limit)
        var children: [XMLTree] = [
            .node(
                "Buckets",
                page.map { bucket in
                    .node(
                        "Bucket",
                        [
                            .leaf("Name", bucket.name), .leaf("CreationDate", S3Time.iso8601(bucket.createdAt)),
                            .leaf("BucketRegion", bucket.region),
                        ])
                }),
            S3Response.owner(request.context.accountID),
        ]
        if buckets.count > limit, let last = page.last {
            children.append(.leaf("ContinuationToken", ContinuationToken.encode(last.name)))
        }
        children += S3Response.leaf("Prefix", prefix)
        return S3Response.xml("ListAllMyBucketsResult", children)
    }

    func deleteBucket(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:DeleteBucket", bucket: bucket)
        try store.deleteBucket(named: bucket.name)
        return S3Response.empty(status: 204)
    }

    /// Actions on the account rather than a bucket (ListAllMyBuckets).
    func authorizeAccountAction(_ request: AWSRequest, _ action: String) throws {
        do {
            try authorizer.authorize(AuthorizationRequest(request.context, action: action, resource: "arn:aws:s3:::*"))
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
