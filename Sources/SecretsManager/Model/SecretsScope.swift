/// The account and region a secret lives in; secrets of other accounts are never visible.
struct SecretsScope: Sendable, Hashable {
    var accountID: String
    var region: String
}
