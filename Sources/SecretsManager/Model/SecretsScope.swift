import KMS

/// The account and region a secret lives in; secrets of other accounts are never visible.
struct SecretsScope: Sendable, Hashable {
    var accountID: String
    var region: String

    /// The same account and region in KMS, where the `aws/secretsmanager` key is.
    var kms: KMSScope { KMSScope(accountID: accountID, region: region) }
}
