import AWSCore

// GetObjectTagging, PutObjectTagging and DeleteObjectTagging.

struct ObjectTaggingRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    var VersionId: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        VersionId = request.querystring("versionId")
    }
}

typealias GetObjectTaggingRequest = ObjectTaggingRequest
typealias DeleteObjectTaggingRequest = ObjectTaggingRequest

struct PutObjectTaggingRequest: RESTXMLInput {
    var object: ObjectTaggingRequest
    var checksums: ChecksumMembers
    /// `<Tagging>`, read once the object's bucket and the caller have been checked.
    var Tagging: StreamingPayload

    init(_ request: RESTRequest) {
        object = ObjectTaggingRequest(request)
        checksums = ChecksumMembers(request)
        Tagging = request.payload
    }
}

struct GetObjectTaggingOutput: RESTXMLOutput {
    var TagSet: TagSet

    func write(to response: inout RESTResponse) {
        response.s3XML("Tagging", [S3Response.tagSet(TagSet)])
    }
}
