import AWSCore
import KMS

/// Parameter Store state is kept apart per account and region, as AWS keeps it.
struct SSMScope: Sendable, Hashable {
    var accountID: String
    var region: String

    init(accountID: String, region: String) {
        self.accountID = accountID
        self.region = region
    }

    init(_ context: RequestContext) {
        self.init(accountID: context.accountID, region: context.region)
    }

    /// `arn:aws:ssm:REGION:ACCOUNT:parameter/`: what every parameter ARN starts with.
    var parameterARNPrefix: String { "arn:aws:ssm:\(region):\(accountID):parameter/" }

    /// The same account and region in KMS, where the `aws/ssm` key is.
    var kms: KMSScope { KMSScope(accountID: accountID, region: region) }
}
