import Foundation

/// One KMS key of an account and region: a symmetric AES-256 key whose material never leaves KMS.
public struct KMSKey: Sendable, Equatable {
    /// Who manages the key, in KMS's words (`KeyMetadata.KeyManager`).
    public enum KeyManager: String, Sendable {
        case aws = "AWS"
        case customer = "CUSTOMER"
    }

    public var scope: KMSScope
    /// A lowercase UUID.
    public var keyID: String
    var material: [UInt8]
    public var creationDate: Date
    public var keyManager: KeyManager
    /// For an AWS managed key, the service it was created for (the target of `alias/aws/<service>`).
    public var managedFor: AWSManagedKey?

    public var arn: String { scope.arnPrefix + "key/" + keyID }

    /// The key policy, for the authorizer to read as the key's resource policy.
    public var policy: String? { managedFor?.policy(in: scope) }
}
