import AWSCore

// Requests and results of a bucket's policy, tags and versioning status.

typealias GetBucketPolicyRequest = BucketRequest
typealias DeleteBucketPolicyRequest = BucketRequest
typealias GetBucketTaggingRequest = BucketRequest
typealias DeleteBucketTaggingRequest = BucketRequest
typealias GetBucketVersioningRequest = BucketRequest

/// PutBucketPolicy, PutBucketTagging and PutBucketVersioning: a document payload (`Policy`,
/// `Tagging`, `VersioningConfiguration`) that must carry Content-MD5 or a checksum.
struct BucketDocumentRequest: RESTXMLInput {
    var bucket: BucketAddress
    var document: DocumentPayload

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        document = DocumentPayload(request)
    }
}

typealias PutBucketPolicyRequest = BucketDocumentRequest
typealias PutBucketTaggingRequest = BucketDocumentRequest
typealias PutBucketVersioningRequest = BucketDocumentRequest

struct GetBucketPolicyOutput: RESTXMLOutput {
    var Policy: String

    func write(to response: inout RESTResponse) {
        response.payload(Array(Policy.utf8), contentType: "application/json")
    }
}

struct GetBucketTaggingOutput: RESTXMLOutput {
    var TagSet: TagSet

    func write(to response: inout RESTResponse) {
        response.s3XML("Tagging", [S3Response.tagSet(TagSet)])
    }
}

struct GetBucketVersioningOutput: RESTXMLOutput {
    var Status: VersioningStatus?

    func write(to response: inout RESTResponse) {
        response.s3XML("VersioningConfiguration", S3Response.leaf("Status", Status?.rawValue))
    }
}
