import Foundation

/// The AWS managed key `aws/secretsmanager` of one account and region, which encrypts every
/// secret value. Its key ID is a UUID minted the first time the account stores a secret in the
/// region. Customer managed keys are not built (CreateSecret with another KmsKeyId is 501).
struct ManagedKey: Sendable, Equatable {
    static let alias = "alias/aws/secretsmanager"

    var scope: SecretsScope
    var keyID: String
    var material: [UInt8]

    var arn: String { "arn:aws:kms:\(scope.region):\(scope.accountID):key/\(keyID)" }

    /// Whether `keyID` (alias, alias ARN, key ID or key ARN) names this account's managed key;
    /// `existing` is the key's ID when it has been created already.
    static func isManaged(_ keyID: String, scope: SecretsScope, existing: String?) -> Bool {
        let prefix = "arn:aws:kms:\(scope.region):\(scope.accountID):"
        if keyID == alias || keyID == prefix + alias { return true }
        guard let existing else { return false }
        return keyID.lowercased() == existing || keyID == prefix + "key/" + existing
    }

    /// The key policy AWS gives `aws/secretsmanager`: every principal of the account may use the
    /// key through Secrets Manager. It goes to the authorizer as the key's resource policy, so an
    /// identity without `kms:Decrypt` can still read, and an explicit deny still refuses.
    var policy: String {
        """
        {"Version":"2012-10-17","Id":"auto-secretsmanager-2","Statement":[\
        {"Sid":"Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager",\
        "Effect":"Allow","Principal":{"AWS":"*"},\
        "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:CreateGrant","kms:DescribeKey","kms:GenerateDataKey*"],"Resource":"*",\
        "Condition":{"StringEquals":{"kms:CallerAccount":"\(scope.accountID)","kms:ViaService":"secretsmanager.\(scope.region).amazonaws.com"}}},\
        {"Sid":"Allow direct access to key metadata to the account","Effect":"Allow",\
        "Principal":{"AWS":"arn:aws:iam::\(scope.accountID):root"},\
        "Action":["kms:Describe*","kms:Get*","kms:List*","kms:RevokeGrant"],"Resource":"*"}]}
        """
    }
}
