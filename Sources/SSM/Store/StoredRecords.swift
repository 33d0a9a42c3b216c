import Foundation

/// A parameter's identity row: what every version shares.
struct StoredParameter: Sendable, Equatable {
    var id: Int64
    var name: ParameterName
    var type: ParameterType
    var tier: ParameterTier
    var latestVersion: Int64
}

/// One version of a parameter. A SecureString's value exists here only as ciphertext.
struct StoredVersion: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        case plain(String)
        case encrypted([UInt8])
    }

    var version: Int64
    var type: ParameterType
    var content: Content
    /// The KeyId as the caller gave it (or `alias/aws/ssm`); SecureString only.
    var keyID: String?
    var description: String?
    var allowedPattern: String?
    var dataType: String
    var tier: ParameterTier
    var lastModifiedDate: Date
    var lastModifiedUser: String
}

/// A parameter with its newest version, as listings need it.
struct ParameterSummary: Sendable, Equatable {
    var parameter: StoredParameter
    var latest: StoredVersion
}
