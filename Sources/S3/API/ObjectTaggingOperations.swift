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
    var Tagging: DocumentPayload

    init(_ request: RESTRequest) {
        object = ObjectTaggingRequest(request)
        Tagging = DocumentPayload(request)
    }
}

struct GetObjectTaggingOutput: RESTXMLOutput {
    var TagSet: TagSet

    func write(to response: inout RESTResponse) {
        response.s3XML("Tagging", [S3Response.tagSet(TagSet)])
    }
}
