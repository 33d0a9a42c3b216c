import AWSCore

// Requests and results of the operations on buckets themselves. Members are bound as sent;
// the backend checks them in the order S3 does.

struct CreateBucketRequest: RESTXMLInput {
    var Bucket: String
    var ObjectLockEnabledForBucket: String?
    var CreateBucketConfiguration: StreamingPayload
    /// A regional host makes the request's region the bucket's when no constraint is given.
    var hostRegion: String?

    init(_ request: RESTRequest) {
        Bucket = request.uri("Bucket") ?? ""
        ObjectLockEnabledForBucket = request.header("x-amz-bucket-object-lock-enabled")
        CreateBucketConfiguration = request.payload
        hostRegion = request.hostRegion
    }
}

struct CreateBucketOutput: RESTXMLOutput {
    var Location: String

    func write(to response: inout RESTResponse) {
        response.header("Location", Location)
    }
}

/// The input of the bucket operations whose only members are the bucket's: HeadBucket,
/// GetBucketLocation, DeleteBucket, and the Get/Delete of a bucket's policy, tags and versioning.
struct BucketRequest: RESTXMLInput {
    var bucket: BucketAddress

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
    }
}

typealias HeadBucketRequest = BucketRequest
typealias GetBucketLocationRequest = BucketRequest
typealias DeleteBucketRequest = BucketRequest

struct HeadBucketOutput: RESTXMLOutput {
    var BucketRegion: String
    var AccessPointAlias: Bool

    func write(to response: inout RESTResponse) {
        response.header("x-amz-bucket-region", BucketRegion)
        response.header("x-amz-access-point-alias", AccessPointAlias ? "true" : "false")
    }
}

struct GetBucketLocationOutput: RESTXMLOutput {
    /// Absent for us-east-1.
    var LocationConstraint: String?

    func write(to response: inout RESTResponse) {
        response.s3XML("LocationConstraint", LocationConstraint.map { [.text($0)] } ?? [])
    }
}

struct ListBucketsRequest: RESTXMLInput {
    var MaxBuckets: String?
    var ContinuationToken: String?
    var Prefix: String?
    var BucketRegion: String?

    init(_ request: RESTRequest) {
        MaxBuckets = request.querystring("max-buckets")
        ContinuationToken = request.querystring("continuation-token")
        Prefix = request.querystring("prefix")
        BucketRegion = request.querystring("bucket-region")
    }
}

struct ListBucketsOutput: RESTXMLOutput {
    var Buckets: [Bucket]
    /// The account whose buckets these are.
    var Owner: String
    var ContinuationToken: String?
    var Prefix: String?

    func write(to response: inout RESTResponse) {
        var children: [XMLTree] = [
            .node(
                "Buckets",
                Buckets.map { bucket in
                    .node(
                        "Bucket",
                        [
                            .leaf("Name", bucket.name), .leaf("CreationDate", S3Time.iso8601(bucket.createdAt)),
                            .leaf("BucketRegion", bucket.region),
                        ])
                }),
            S3Response.owner(Owner),
        ]
        children += S3Response.leaf("ContinuationToken", ContinuationToken)
        children += S3Response.leaf("Prefix", Prefix)
        response.s3XML("ListAllMyBucketsResult", children)
    }
}
