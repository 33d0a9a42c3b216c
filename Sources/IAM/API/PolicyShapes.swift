import Foundation

// Managed policies, their versions and the entities they are attached to.

extension IAMShapes {
    struct Policy: Encodable, Sendable {
        var PolicyName: String
        var PolicyId: String
        var Arn: String
        var Path: String
        var DefaultVersionId: String
        var AttachmentCount: Int
        var PermissionsBoundaryUsageCount: Int
        var IsAttachable: Bool
        /// Only `GetPolicy` says it, as IAM does.
        var Description: String?
        var CreateDate: Date
        var UpdateDate: Date
        var Tags: [IAMTag]?

        init(_ policy: ManagedPolicy, withDescription: Bool = false) {
            PolicyName = policy.name
            PolicyId = policy.policyID
            Arn = policy.arn
            Path = policy.path
            DefaultVersionId = policy.defaultVersion
            AttachmentCount = policy.attachmentCount
            PermissionsBoundaryUsageCount = 0
            IsAttachable = true
            Description = withDescription ? policy.description : nil
            CreateDate = policy.createdAt
            UpdateDate = policy.updatedAt
            Tags = IAMShapes.listed(policy.tags)
        }
    }

    struct PolicyVersion: Encodable, Sendable {
        var Document: String?
        var VersionId: String
        var IsDefaultVersion: Bool
        var CreateDate: Date

        init(_ version: IAM.PolicyVersion, withDocument: Bool = true) {
            Document = withDocument ? IAMShapes.encodeDocument(version.document) : nil
            VersionId = version.versionID
            IsDefaultVersion = version.isDefault
            CreateDate = version.createdAt
        }
    }

    struct PolicyGroup: Encodable, Sendable {
        var GroupName: String
        var GroupId: String
    }

    struct PolicyUser: Encodable, Sendable {
        var UserName: String
        var UserId: String
    }

    struct PolicyRole: Encodable, Sendable {
        var RoleName: String
        var RoleId: String
    }
}

struct CreatePolicyRequest: Decodable, Sendable {
    var PolicyName: String?
    var Path: String?
    var PolicyDocument: String?
    var Description: String?
    var Tags: [IAMShapes.Tag]?
}

struct CreatePolicyResponse: Encodable, Sendable {
    var Policy: IAMShapes.Policy
}

struct GetPolicyRequest: Decodable, Sendable {
    var PolicyArn: String?
}

struct GetPolicyResponse: Encodable, Sendable {
    var Policy: IAMShapes.Policy
}

struct ListPoliciesRequest: Decodable, Sendable {
    var Scope: String?
    var OnlyAttached: Bool?
    var PathPrefix: String?
    var PolicyUsageFilter: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListPoliciesResponse: Encodable, Sendable {
    var Policies: [IAMShapes.Policy]
    var IsTruncated: Bool
    var Marker: String?
}

struct DeletePolicyRequest: Decodable, Sendable {
    var PolicyArn: String?
}

struct CreatePolicyVersionRequest: Decodable, Sendable {
    var PolicyArn: String?
    var PolicyDocument: String?
    var SetAsDefault: Bool?
}

struct CreatePolicyVersionResponse: Encodable, Sendable {
    var PolicyVersion: IAMShapes.PolicyVersion
}

struct GetPolicyVersionRequest: Decodable, Sendable {
    var PolicyArn: String?
    var VersionId: String?
}

struct GetPolicyVersionResponse: Encodable, Sendable {
    var PolicyVersion: IAMShapes.PolicyVersion
}

struct ListPolicyVersionsRequest: Decodable, Sendable {
    var PolicyArn: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListPolicyVersionsResponse: Encodable, Sendable {
    var Versions: [IAMShapes.PolicyVersion]
    var IsTruncated: Bool
    var Marker: String?
}

struct DeletePolicyVersionRequest: Decodable, Sendable {
    var PolicyArn: String?
    var VersionId: String?
}

struct SetDefaultPolicyVersionRequest: Decodable, Sendable {
    var PolicyArn: String?
    var VersionId: String?
}

struct ListEntitiesForPolicyRequest: Decodable, Sendable {
    var PolicyArn: String?
    var EntityFilter: String?
}

struct ListEntitiesForPolicyResponse: Encodable, Sendable {
    /// ebauth has no groups.
    var PolicyGroups: [IAMShapes.PolicyGroup]
    var PolicyUsers: [IAMShapes.PolicyUser]
    var PolicyRoles: [IAMShapes.PolicyRole]
    var IsTruncated: Bool
}
