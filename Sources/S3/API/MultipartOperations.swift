import AWSCore
import Foundation

// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload and
// AbortMultipartUpload.

struct CreateMultipartUploadRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    /// `x-amz-checksum-algorithm` and `x-amz-checksum-type`: what the parts and object carry.
    var ChecksumAlgorithm: String?
    var ChecksumType: String?
    var StorageClass: String?
    var headers: ObjectHeaderMembers
    var Tagging: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        ChecksumAlgorithm = request.header("x-amz-checksum-algorithm")
        ChecksumType = request.header("x-amz-checksum-type")
        StorageClass = request.header("x-amz-storage-class")
        headers = ObjectHeaderMembers(request)
        Tagging = request.header("x-amz-tagging")
    }
}

struct CreateMultipartUploadOutput: RESTXMLOutput {
    var upload: MultipartUpload

    func write(to response: inout RESTResponse) {
        if let algorithm = upload.checksumAlgorithm, let type = upload.checksumType {
            response.header("x-amz-checksum-algorithm", algorithm.name)
            response.header("x-amz-checksum-type", type.rawValue)
        }
        response.headers(upload.headers.encryptionHeaders)
        response.s3XML(
            "InitiateMultipartUploadResult",
            [.leaf("Bucket", upload.bucket), .leaf("Key", upload.key), .leaf("UploadId", upload.uploadID)])
    }
}

/// The members that name one upload: `Bucket`, `Key` and `uploadId`.
struct UploadAddress: Sendable {
    var bucket: BucketAddress
    var Key: String
    var UploadId: String

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        UploadId = request.querystring("uploadId") ?? ""
    }
}

struct UploadPartRequest: RESTXMLInput {
    var upload: UploadAddress
    var PartNumber: String?
    var ContentLength: String?
    var checksums: ChecksumMembers
    /// Streamed into the blob store, never held whole.
    var Body: StreamingPayload

    init(_ request: RESTRequest) {
        upload = UploadAddress(request)
        PartNumber = request.querystring("partNumber")
        ContentLength = request.declaredLength
        checksums = ChecksumMembers(request)
        Body = request.payload
    }
}

typealias UploadPartOutput = PutObjectOutput

struct UploadPartCopyRequest: RESTXMLInput {
    var upload: UploadAddress
    var PartNumber: String?
    var source: CopySourceMembers
    var CopySourceRange: String?

    init(_ request: RESTRequest) {
        upload = UploadAddress(request)
        PartNumber = request.querystring("partNumber")
        source = CopySourceMembers(request)
        CopySourceRange = request.header("x-amz-copy-source-range")
    }
}

struct UploadPartCopyOutput: RESTXMLOutput {
    var part: UploadedPart
    var checksumAlgorithm: ChecksumAlgorithm?

    func write(to response: inout RESTResponse) {
        var children: [XMLTree] = [
            .leaf("ETag", S3Response.quoted(part.etag)), .leaf("LastModified", S3Time.iso8601(part.lastModified)),
        ]
        if let checksumAlgorithm, let value = part.checksumValue {
            children.append(.leaf(S3Response.checksumMember(checksumAlgorithm), value))
        }
        response.s3XML("CopyPartResult", children)
    }
}

struct CompleteMultipartUploadRequest: RESTXMLInput {
    var upload: UploadAddress
    var checksums: ChecksumMembers
    var MpuObjectSize: String?
    var IfMatch: String?
    var IfNoneMatch: String?
    /// `<CompleteMultipartUpload>`, read once the upload has been found.
    var MultipartUpload: StreamingPayload

    init(_ request: RESTRequest) {
        upload = UploadAddress(request)
        checksums = ChecksumMembers(request)
        MpuObjectSize = request.header("x-amz-mp-object-size")
        IfMatch = request.header("if-match")
        IfNoneMatch = request.header("if-none-match")
        MultipartUpload = request.payload
    }
}

struct CompleteMultipartUploadOutput: RESTXMLOutput {
    var encryption: [ObjectHeaders.Field]
    var Location: String
    var Bucket: String
    var Key: String
    var ETag: String
    var checksum: ObjectChecksum

    func write(to response: inout RESTResponse) {
        response.headers(encryption)
        response.s3XML(
            "CompleteMultipartUploadResult",
            [
                .leaf("Location", Location), .leaf("Bucket", Bucket), .leaf("Key", Key),
                .leaf("ETag", S3Response.quoted(ETag)),
            ] + S3Response.checksumElements(checksum))
    }
}

typealias AbortMultipartUploadRequest = UploadAddress

extension UploadAddress: RESTXMLInput {}
