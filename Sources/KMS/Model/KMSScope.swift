/// KMS keeps keys and aliases apart per account and region, as AWS does.
public struct KMSScope: Sendable, Hashable {
    public var accountID: String
    public var region: String

    public init(accountID: String, region: String) {
        self.accountID = accountID
        self.region = region
    }

    /// `arn:aws:kms:REGION:ACCOUNT:`: what every key and alias ARN of the scope starts with.
    public var arnPrefix: String { "arn:aws:kms:\(region):\(accountID):" }
}
