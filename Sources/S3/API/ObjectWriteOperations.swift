import AWSCore
import Foundation

// PutObject, CopyObject, DeleteObject and DeleteObjects.

struct PutObjectRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    var ContentLength: String?
    var headers: ObjectHeaderMembers
    var StorageClass: String?
    var Tagging: String?
    var IfMatch: String?
    var IfNoneMatch: String?
    var checksums: ChecksumMembers
    /// Streamed into the blob store, never held whole.
    var Body: StreamingPayload

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        ContentLength = request.declaredLength
        headers = ObjectHeaderMembers(request)
        StorageClass = request.header("x-amz-storage-class")
        Tagging = request.header("x-amz-tagging")
        IfMatch = request.header("if-match")
        IfNoneMatch = request.header("if-none-match")
        checksums = ChecksumMembers(request)
        Body = request.payload
    }
}

/// PutObject's and UploadPart's answer: headers only.
struct PutObjectOutput: RESTXMLOutput {
    var ETag: String
    var checksum: ObjectChecksum?
    /// UploadPart names the algorithm only; PutObject adds `x-amz-checksum-type`.
    var checksumType = true
    /// ServerSideEncryption, SSEKMSKeyId, BucketKeyEnabled as the object keeps them.
    var encryption: [ObjectHeaders.Field]

    func write(to response: inout RESTResponse) {
        response.header("ETag", S3Response.quoted(ETag))
        response.checksum(checksum, withType: checksumType)
        response.headers(encryption)
    }
}

struct DeleteObjectRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    var VersionId: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        VersionId = request.querystring("versionId")
    }
}

struct DeleteObjectsRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Delete: DocumentPayload

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Delete = DocumentPayload(request)
    }
}

struct DeleteObjectsOutput: RESTXMLOutput {
    /// `<Deleted>` and `<Error>` entries in the order the keys were listed.
    enum Entry {
        case deleted(key: String, versionID: String?)
        case error(key: String, versionID: String?, code: String, message: String)
    }

    var entries: [Entry]

    func write(to response: inout RESTResponse) {
        response.s3XML(
            "DeleteResult",
            entries.map { entry in
                switch entry {
                case .deleted(let key, let versionID):
                    .node("Deleted", [.leaf("Key", key)] + S3Response.leaf("VersionId", versionID))
                case .error(let key, let versionID, let code, let message):
                    .node(
                        "Error",
                        [.leaf("Key", key)] + S3Response.leaf("VersionId", versionID)
                            + [.leaf("Code", code), .leaf("Message", message)])
                }
            })
    }
}

/// The `x-amz-copy-source` members CopyObject and UploadPartCopy share.
struct CopySourceMembers: Sendable {
    var CopySource: String?
    var CopySourceIfMatch: String?
    var CopySourceIfNoneMatch: String?
    var CopySourceIfModifiedSince: String?
    var CopySourceIfUnmodifiedSince: String?

    init(_ request: RESTRequest) {
        CopySource = request.header("x-amz-copy-source")
        CopySourceIfMatch = request.header("x-amz-copy-source-if-match")
        CopySourceIfNoneMatch = request.header("x-amz-copy-source-if-none-match")
        CopySourceIfModifiedSince = request.header("x-amz-copy-source-if-modified-since")
        CopySourceIfUnmodifiedSince = request.header("x-amz-copy-source-if-unmodified-since")
    }
}

struct CopyObjectRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    var source: CopySourceMembers
    var MetadataDirective: String?
    var TaggingDirective: String?
    var StorageClass: String?
    var headers: ObjectHeaderMembers
    var Tagging: String?
    /// `x-amz-checksum-algorithm`: the checksum the copy gets.
    var ChecksumAlgorithm: String?
    var IfMatch: String?
    var IfNoneMatch: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        source = CopySourceMembers(request)
        MetadataDirective = request.header("x-amz-metadata-directive")
        TaggingDirective = request.header("x-amz-tagging-directive")
        StorageClass = request.header("x-amz-storage-class")
        headers = ObjectHeaderMembers(request)
        Tagging = request.header("x-amz-tagging")
        ChecksumAlgorithm = request.header("x-amz-checksum-algorithm")
        IfMatch = request.header("if-match")
        IfNoneMatch = request.header("if-none-match")
    }
}

struct CopyObjectOutput: RESTXMLOutput {
    var encryption: [ObjectHeaders.Field]
    /// CopyObjectResult's members.
    var ETag: String
    var LastModified: Date
    var checksum: ObjectChecksum?

    func write(to response: inout RESTResponse) {
        response.headers(encryption)
        response.s3XML(
            "CopyObjectResult",
            [.leaf("ETag", S3Response.quoted(ETag)), .leaf("LastModified", S3Time.iso8601(LastModified))]
                + S3Response.checksumElements(checksum))
    }
}
