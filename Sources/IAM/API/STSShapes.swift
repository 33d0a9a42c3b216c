import Foundation

// STS: who am I, and role credentials.

struct GetCallerIdentityRequest: Decodable, Sendable {}

struct GetCallerIdentityResponse: Encodable, Sendable {
    var Arn: String
    var UserId: String
    var Account: String
}

/// The members ebauth does not support are read so that asking for them is refused, not ignored.
struct AssumeRoleRequest: Decodable, Sendable {
    var RoleArn: String?
    var RoleSessionName: String?
    var PolicyArns: [PolicyDescriptorType]?
    var Policy: String?
    var DurationSeconds: Int?
    var Tags: [IAMShapes.Tag]?
    var TransitiveTagKeys: [String]?
    var ExternalId: String?
    var SerialNumber: String?
    var TokenCode: String?
    var SourceIdentity: String?
    var ProvidedContexts: [ProvidedContext]?

    struct PolicyDescriptorType: Decodable, Sendable {
        var arn: String?
    }

    struct ProvidedContext: Decodable, Sendable {
        var ProviderArn: String?
        var ContextAssertion: String?
    }
}

struct AssumeRoleResponse: Encodable, Sendable {
    var Credentials: Credentials
    var AssumedRoleUser: AssumedRoleUser

    struct Credentials: Encodable, Sendable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String
        var Expiration: Date
    }

    struct AssumedRoleUser: Encodable, Sendable {
        var AssumedRoleId: String
        var Arn: String
    }

    init(_ session: RoleSession) {
        self.Credentials = Self.Credentials(
            AccessKeyId: session.accessKeyID, SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken, Expiration: session.expiresAt)
        self.AssumedRoleUser = Self.AssumedRoleUser(AssumedRoleId: session.userID, Arn: session.arn)
    }
}
