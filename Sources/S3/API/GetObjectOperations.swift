import AWSCore
import Foundation

// GetObject and HeadObject: one request shape (botocore's two have the same members) and the
// answer, which is the object's headers with its bytes sent from the blob file.

struct GetObjectRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Key: String
    var IfMatch: String?
    var IfNoneMatch: String?
    var IfModifiedSince: String?
    var IfUnmodifiedSince: String?
    var Range: String?
    var PartNumber: String?
    var VersionId: String?
    var ChecksumMode: String?
    /// ResponseCacheControl … ResponseExpires (`response-*`), named by the header each replaces.
    var responseOverrides: [ObjectHeaders.Field]

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Key = request.key
        IfMatch = request.header("if-match")
        IfNoneMatch = request.header("if-none-match")
        IfModifiedSince = request.header("if-modified-since")
        IfUnmodifiedSince = request.header("if-unmodified-since")
        Range = request.header("range")
        PartNumber = request.querystring("partNumber")
        VersionId = request.querystring("versionId")
        ChecksumMode = request.header("x-amz-checksum-mode")
        responseOverrides = []
        for (parameter, name) in Self.overrideParameters {
            if let value = request.querystring(parameter) { responseOverrides.append(.init(name: name, value: value)) }
        }
    }

    /// `response-cache-control` → `Cache-Control`, in the order S3 answers them.
    static let overrideParameters = ObjectHeaders.overridable.map { ("response-" + $0.lowercased(), $0) }
}

typealias HeadObjectRequest = GetObjectRequest

/// The bytes of a GetObject answer.
enum ObjectBody {
    /// `length` bytes of the blob file from `offset`, sent with sendfile(2).
    case file(path: String, offset: Int64, length: Int64)
    case empty
    /// HEAD: no bytes, Content-Length says how many a GET would send.
    case described(length: Int64)
}

struct GetObjectOutput: RESTXMLOutput {
    var object: StoredObject
    /// 304: only ETag and Last-Modified.
    var notModified = false
    var responseOverrides: [ObjectHeaders.Field] = []
    var PartsCount: Int?
    /// With 206 Partial Content.
    var ContentRange: String?
    /// The whole object's checksum, when ChecksumMode is ENABLED.
    var checksum: ObjectChecksum?
    var Body: ObjectBody = .empty

    func write(to response: inout RESTResponse) {
        if notModified {
            response.status = 304
            response.header("ETag", ETag.quoted(object.etag))
            response.header("Last-Modified", date: object.lastModified)
            response.describedPayload(contentLength: nil)
            return
        }
        response.header("Last-Modified", date: object.lastModified)
        response.header("ETag", ETag.quoted(object.etag))
        response.header("Accept-Ranges", "bytes")
        for field in object.headers.standard
        where !responseOverrides.contains(where: { $0.name == field.name }) {
            response.header(field.name, field.value)
        }
        response.headers(responseOverrides)
        for field in object.headers.metadata { response.header("x-amz-meta-" + field.name, field.value) }
        if object.storageClass != StorageClass.standard { response.header("x-amz-storage-class", object.storageClass) }
        if !object.tags.isEmpty { response.header("x-amz-tagging-count", String(object.tags.tags.count)) }
        response.header("x-amz-mp-parts-count", PartsCount.map { String($0) })
        if let ContentRange {
            response.status = 206
            response.header("Content-Range", ContentRange)
        }
        response.checksum(checksum)
        switch Body {
        case .file(let path, let offset, let length): response.file(path: path, offset: offset, length: length)
        case .empty: break
        case .described(let length): response.describedPayload(contentLength: length)
        }
    }
}
