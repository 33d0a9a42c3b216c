import Foundation

/// A bucket: a global name owned by one account and living in one region.
struct Bucket: Sendable, Equatable {
    var name: String
    var accountID: String
    var region: String
    /// The LocationConstraint as sent (`EU` stays `EU`); nil for us-east-1.
    var locationConstraint: String?
    var createdAt: Date
    var policy: String?
    var versioning: VersioningStatus?

    /// `arn:aws:s3:::bucket`, the resource of bucket-level actions.
    var arn: String { "arn:aws:s3:::\(name)" }

    /// `arn:aws:s3:::bucket/key`, the resource of object-level actions.
    func objectARN(_ key: String) -> String { "arn:aws:s3:::\(name)/\(key)" }
}

enum VersioningStatus: String, Sendable {
    case enabled = "Enabled"
    case suspended = "Suspended"
}

/// S3's canonical user id: 64 hex digits per account, stable across restarts.
enum CanonicalUser {
    static func id(forAccount accountID: String) -> String {
        ObjectDigests.sha256Hex(Array("ebauth-canonical-user:\(accountID)".utf8))
    }
}
