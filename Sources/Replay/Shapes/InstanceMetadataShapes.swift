import Foundation

/// The document at `meta-data/iam/security-credentials/ROLE` (EC2 instance metadata): `Code`
/// is `Success` with the role session's keys, or an error code with a `Message`.
struct SecurityCredentials: Decodable, Sendable {
    var Code: String
    var Message: String?
    var LastUpdated: String?
    var `Type`: String?
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var Expiration: String?
}
