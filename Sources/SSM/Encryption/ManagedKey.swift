import Foundation

/// The AWS managed key `aws/ssm` of one account and region, which encrypts SecureString values.
///
/// Its key ID is a UUID minted the first time the account stores a SecureString in the region.
/// Customer managed KMS keys are not built: a KeyId naming anything but this key is
/// `InvalidKeyId`, with the text KMS gives SSM for a key it does not have.
struct ManagedKey: Sendable, Equatable {
    static let alias = "alias/aws/ssm"

    var scope: SSMScope
    var keyID: String
    var material: [UInt8]

    var arn: String { "arn:aws:kms:\(scope.region):\(scope.accountID):key/\(keyID)" }

    /// How a KeyId refers to the key, before the key is looked up.
    enum Reference: Equatable {
        /// `alias/aws/ssm` or its alias ARN: the key, created if needed.
        case managedAlias
        /// A key ID or key ARN: must be the managed key's.
        case keyID(String)
        case unknown(String)
    }

    static func reference(_ keyID: String, in scope: SSMScope) -> Reference {
        let prefix = "arn:aws:kms:\(scope.region):\(scope.accountID):"
        if keyID == alias || keyID == prefix + alias { return .managedAlias }
        if keyID.hasPrefix(prefix + "key/") { return .keyID(String(keyID.dropFirst(prefix.count + 4))) }
        if UUID(uuidString: keyID) != nil { return .keyID(keyID.lowercased()) }
        return .unknown(keyID)
    }

    /// `InvalidKeyId` as SSM passes on KMS's `NotFoundException`. The key form is real
    /// (`Key 'arn:…:key/…' does not exist (Service: AWSKMS; …)`); the alias and malformed forms
    /// follow KMS's own texts and are unverified through SSM.
    static func notFound(_ keyID: String, in scope: SSMScope) -> SSMError {
        let prefix = "arn:aws:kms:\(scope.region):\(scope.accountID):"
        let detail: String
        if keyID.hasPrefix("alias/") {
            detail = "Alias \(prefix)\(keyID) is not found."
        } else if keyID.hasPrefix("arn:aws:kms:") && keyID.contains(":alias/") {
            detail = "Alias \(keyID) is not found."
        } else if keyID.hasPrefix("arn:aws:kms:") {
            detail = "Key '\(keyID)' does not exist"
        } else if UUID(uuidString: keyID) != nil {
            detail = "Key '\(prefix)key/\(keyID.lowercased())' does not exist"
        } else {
            detail = "Invalid keyId '\(keyID)'"
        }
        return .invalidKeyID(detail + kmsSuffix(errorCode: "NotFoundException"))
    }

    /// What the Java SDK appends to a KMS error that SSM forwards.
    static func kmsSuffix(errorCode: String) -> String {
        " (Service: AWSKMS; Status Code: 400; Error Code: \(errorCode); Request ID: \(UUID().uuidString.lowercased()); Proxy: null)"
    }

    /// The key policy AWS gives `aws/ssm`: every principal of the account may use the key through
    /// Parameter Store. It goes to the authorizer as the key's resource policy, so an identity
    /// without `kms:Decrypt` can still read, and an explicit deny still refuses, as on AWS.
    var policy: String {
        """
        {"Version":"2012-10-17","Id":"auto-ssm-2","Statement":[\
        {"Sid":"Allow access through Parameter Store for all principals in the account that are authorized to use Parameter Store",\
        "Effect":"Allow","Principal":{"AWS":"*"},\
        "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*",\
        "Condition":{"StringEquals":{"kms:CallerAccount":"\(scope.accountID)","kms:ViaService":"ssm.\(scope.region).amazonaws.com"}}},\
        {"Sid":"Allow direct access to key metadata to the account","Effect":"Allow",\
        "Principal":{"AWS":"arn:aws:iam::\(scope.accountID):root"},\
        "Action":["kms:Describe*","kms:Get*","kms:List*","kms:RevokeGrant"],"Resource":"*"}]}
        """
    }
}
