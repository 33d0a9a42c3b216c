import AWSCore
import Foundation

/// A multipart upload in progress: what the final object will carry, and its parts.
struct MultipartUpload: Sendable, Equatable {
    var uploadID: String
    var bucket: String
    var key: String
    var initiated: Date
    var ownerAccountID: String
    var initiatorARN: String
    var storageClass: String
    var headers: ObjectHeaders
    var tags: TagSet
    var checksumAlgorithm: ChecksumAlgorithm?
    var checksumType: ChecksumType?
}

struct UploadedPart: Sendable, Equatable {
    var partNumber: Int
    var blobDigest: String
    var size: Int64
    /// MD5 hex, without quotes.
    var etag: String
    var lastModified: Date
    /// Base64 checksum in the upload's algorithm.
    var checksumValue: String?
}

enum UploadID {
    /// Opaque and URL-safe, like S3's.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
}
