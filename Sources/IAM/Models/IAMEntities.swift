import Foundation

/// A tag as IAM returns it (`Key`, `Value`).
struct IAMTag: Codable, Equatable, Sendable {
    var Key: String
    var Value: String
}

enum PrincipalType: String, Sendable {
    case user, role
}

struct IAMUser: Sendable, Equatable {
    var userID: String
    var accountID: String
    var name: String
    var path: String
    var arn: String
    var createdAt: Date
    var tags: [IAMTag]
}

struct AccessKey: Sendable, Equatable {
    var accessKeyID: String
    var accountID: String
    var userName: String
    var secretAccessKey: String
    /// `Active` or `Inactive`.
    var status: String
    var createdAt: Date
}

struct IAMRole: Sendable, Equatable {
    var roleID: String
    var accountID: String
    var name: String
    var path: String
    var arn: String
    var trustPolicy: String
    var description: String?
    var maxSessionDuration: Int
    var createdAt: Date
    var tags: [IAMTag]
}

struct InstanceProfile: Sendable, Equatable {
    var instanceProfileID: String
    var accountID: String
    var name: String
    var path: String
    var arn: String
    var roleName: String?
    var createdAt: Date
    var tags: [IAMTag]
}

/// A managed policy: a customer's (with a row) or an AWS managed one (from the catalogue).
struct ManagedPolicy: Sendable, Equatable {
    var policyID: String
    var name: String
    var path: String
    var arn: String
    var description: String?
    var defaultVersion: String
    var createdAt: Date
    var updatedAt: Date
    var tags: [IAMTag]
    var attachmentCount: Int
    var isAWSManaged: Bool
}

struct PolicyVersion: Sendable, Equatable {
    var policyARN: String
    var versionID: String
    var document: String
    var createdAt: Date
    var isDefault: Bool
}

struct RoleSession: Sendable, Equatable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String
    var accountID: String
    var roleID: String
    var roleName: String
    var sessionName: String
    var createdAt: Date
    var expiresAt: Date
    var instanceID: String?

    var arn: String { IAMARN.assumedRole(account: accountID, role: roleName, session: sessionName) }
    var userID: String { "\(roleID):\(sessionName)" }
}

/// An EC2 instance the metadata service represents.
struct EC2Instance: Sendable, Equatable {
    var instanceID: String
    var accountID: String
    var region: String
    var availabilityZone: String
    var instanceProfileARN: String?
    /// `optional` (IMDSv1 and v2) or `required` (IMDSv2 only), as EC2's HttpTokens option.
    var httpTokens: String
}
