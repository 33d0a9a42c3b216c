import AWSCore
import Foundation

/// An object as S3 keeps it: its bytes (a blob digest), its identity (ETag, checksum) and what
/// GET and HEAD give back (headers, metadata, tags).
struct StoredObject: Sendable, Equatable {
    var bucket: String
    var key: String
    var blobDigest: String
    var size: Int64
    /// Without quotes; `<md5>` or `<md5-of-md5s>-N` for multipart.
    var etag: String
    var lastModified: Date
    var ownerAccountID: String
    var storageClass: String
    var headers: ObjectHeaders
    var tags: TagSet
    var checksum: ObjectChecksum?
    /// Set for objects completed from a multipart upload.
    var partsCount: Int?
    /// For multipart objects: each part's size and checksum, to serve `?partNumber=`.
    var parts: [ObjectPart] = []
}

struct ObjectPart: Sendable, Equatable {
    var partNumber: Int
    var size: Int64
    /// The part's own checksum (base64) in the object's algorithm, when it has one.
    var checksumValue: String?
}

/// A checksum S3 stores with an object and returns with `x-amz-checksum-mode: ENABLED`.
struct ObjectChecksum: Sendable, Equatable {
    var algorithm: ChecksumAlgorithm
    /// Base64 of the digest; composite checksums end in `-N`.
    var value: String
    var type: ChecksumType
}

enum ChecksumType: String, Sendable {
    case fullObject = "FULL_OBJECT"
    case composite = "COMPOSITE"
}

/// The largest object a single PUT (or a part) may carry, and the largest multipart object.
enum ObjectLimits {
    static let maxSinglePutBytes: Int64 = 5 * 1024 * 1024 * 1024
    static let maxObjectBytes: Int64 = 5 * 1024 * 1024 * 1024 * 1024
    static let maxPartNumber = 10_000
}
