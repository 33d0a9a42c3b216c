import Foundation

// Roles and their tags.

extension IAMShapes {
    struct Role: Encodable, Sendable {
        var Path: String
        var RoleName: String
        var RoleId: String
        var Arn: String
        var CreateDate: Date
        var AssumeRolePolicyDocument: String
        var Description: String?
        var MaxSessionDuration: Int
        var Tags: [IAMTag]?
        /// Only `GetRole` says it; ebauth does not track use, so it is empty.
        var RoleLastUsed: RoleLastUsed?

        init(_ role: IAMRole, withTags: Bool = true) {
            Path = role.path
            RoleName = role.name
            RoleId = role.roleID
            Arn = role.arn
            CreateDate = role.createdAt
            AssumeRolePolicyDocument = IAMShapes.encodeDocument(role.trustPolicy)
            Description = role.description
            MaxSessionDuration = role.maxSessionDuration
            Tags = withTags ? IAMShapes.listed(role.tags) : nil
        }
    }

    struct RoleLastUsed: Encodable, Sendable {}
}

struct CreateRoleRequest: Decodable, Sendable {
    var Path: String?
    var RoleName: String?
    var AssumeRolePolicyDocument: String?
    var Description: String?
    var MaxSessionDuration: Int?
    var PermissionsBoundary: String?
    var Tags: [IAMShapes.Tag]?
}

struct CreateRoleResponse: Encodable, Sendable {
    var Role: IAMShapes.Role
}

struct GetRoleRequest: Decodable, Sendable {
    var RoleName: String?
}

struct GetRoleResponse: Encodable, Sendable {
    var Role: IAMShapes.Role
}

struct ListRolesRequest: Decodable, Sendable {
    var PathPrefix: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListRolesResponse: Encodable, Sendable {
    var Roles: [IAMShapes.Role]
    var IsTruncated: Bool
    var Marker: String?
}

struct UpdateRoleRequest: Decodable, Sendable {
    var RoleName: String?
    var Description: String?
    var MaxSessionDuration: Int?
}

struct UpdateRoleResponse: Encodable, Sendable {}

struct UpdateAssumeRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyDocument: String?
}

struct DeleteRoleRequest: Decodable, Sendable {
    var RoleName: String?
}

struct TagRoleRequest: Decodable, Sendable {
    var RoleName: String?
    var Tags: [IAMShapes.Tag]?
}

struct UntagRoleRequest: Decodable, Sendable {
    var RoleName: String?
    var TagKeys: [String]?
}

struct ListRoleTagsRequest: Decodable, Sendable {
    var RoleName: String?
}

struct ListRoleTagsResponse: Encodable, Sendable {
    var Tags: [IAMTag]
    var IsTruncated: Bool
}
