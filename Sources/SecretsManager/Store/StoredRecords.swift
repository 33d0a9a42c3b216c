import Foundation

/// A secret row. `deletedDate` is when a secret marked for deletion goes for good.
struct StoredSecret: Sendable, Equatable {
    var id: Int64
    var scope: SecretsScope
    var name: String
    var arn: String
    var description: String?
    /// The KmsKeyId as the caller gave it; nil for the default `aws/secretsmanager`.
    var kmsKeyID: String?
    var createdDate: Date
    var lastChangedDate: Date
    var lastAccessedDate: Date?
    var deletedDate: Date?
}

struct StoredVersion: Sendable, Equatable {
    var versionID: String
    var ciphertext: [UInt8]
    var isBinary: Bool
    var createdDate: Date
}
