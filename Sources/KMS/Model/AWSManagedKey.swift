/// The AWS managed keys that services create in an account the first time they encrypt there,
/// each with its alias `alias/aws/<service>` and the key policy AWS gives it.
public enum AWSManagedKey: String, Sendable, CaseIterable {
    case ssm = "alias/aws/ssm"
    case secretsManager = "alias/aws/secretsmanager"

    public var alias: String { rawValue }

    /// How the service's ciphertexts were laid out before this module (format version 1), so
    /// that values stored by earlier builds still open.
    var legacyLayout: Ciphertext.LegacyLayout {
        switch self {
        case .ssm: Ciphertext.LegacyLayout(namesKey: true, contextPrefix: "aws:ssm:")
        case .secretsManager: Ciphertext.LegacyLayout(namesKey: false, contextPrefix: "aws:secretsmanager:")
        }
    }

    /// The key policy AWS gives the key: every principal of the account may use it through the
    /// service, and the account may read its metadata. It goes to the authorizer as the key's
    /// resource policy, so an identity without `kms:Decrypt` can still read through the service,
    /// and an explicit deny still refuses, as on AWS.
    public func policy(in scope: KMSScope) -> String {
        let metadata = """
            {"Sid":"Allow direct access to key metadata to the account","Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::\(scope.accountID):root"},\
            "Action":["kms:Describe*","kms:Get*","kms:List*","kms:RevokeGrant"],"Resource":"*"}]}
            """
        switch self {
        case .ssm:
            return """
                {"Version":"2012-10-17","Id":"auto-ssm-2","Statement":[\
                {"Sid":"Allow access through Parameter Store for all principals in the account that are \
                authorized to use Parameter Store",\
                "Effect":"Allow","Principal":{"AWS":"*"},\
                "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],\
                "Resource":"*",\
                "Condition":{"StringEquals":{"kms:CallerAccount":"\(scope.accountID)",\
                "kms:ViaService":"ssm.\(scope.region).amazonaws.com"}}},
                """ + metadata
        case .secretsManager:
            return """
                {"Version":"2012-10-17","Id":"auto-secretsmanager-2","Statement":[\
                {"Sid":"Allow access through AWS Secrets Manager for all principals in the account that are \
                authorized to use AWS Secrets Manager",\
                "Effect":"Allow","Principal":{"AWS":"*"},\
                "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:CreateGrant","kms:DescribeKey",\
                "kms:GenerateDataKey*"],"Resource":"*",\
                "Condition":{"StringEquals":{"kms:CallerAccount":"\(scope.accountID)",\
                "kms:ViaService":"secretsmanager.\(scope.region).amazonaws.com"}}},
                """ + metadata
        }
    }
}
