import Foundation

// Instance profiles and the role each holds.

extension IAMShapes {
    struct InstanceProfile: Encodable, Sendable {
        var Path: String
        var InstanceProfileName: String
        var InstanceProfileId: String
        var Arn: String
        var CreateDate: Date
        var Roles: [Role]
        var Tags: [IAMTag]?

        init(_ profile: IAM.InstanceProfile, roles: [IAMRole]) {
            Path = profile.path
            InstanceProfileName = profile.name
            InstanceProfileId = profile.instanceProfileID
            Arn = profile.arn
            CreateDate = profile.createdAt
            Roles = roles.map { Role($0, withTags: false) }
            Tags = IAMShapes.listed(profile.tags)
        }
    }
}

struct CreateInstanceProfileRequest: Decodable, Sendable {
    var InstanceProfileName: String?
    var Path: String?
    var Tags: [IAMShapes.Tag]?
}

struct CreateInstanceProfileResponse: Encodable, Sendable {
    var InstanceProfile: IAMShapes.InstanceProfile
}

struct GetInstanceProfileRequest: Decodable, Sendable {
    var InstanceProfileName: String?
}

struct GetInstanceProfileResponse: Encodable, Sendable {
    var InstanceProfile: IAMShapes.InstanceProfile
}

struct ListInstanceProfilesRequest: Decodable, Sendable {
    var PathPrefix: String?
    var Marker: String?
    var MaxItems: Int?
}

/// Also the response of `ListInstanceProfilesForRole`, which botocore shapes the same way.
struct ListInstanceProfilesResponse: Encodable, Sendable {
    var InstanceProfiles: [IAMShapes.InstanceProfile]
    var IsTruncated: Bool
    var Marker: String?

    init(_ page: Page<(IAM.InstanceProfile, [IAMRole])>) {
        InstanceProfiles = page.items.map { IAMShapes.InstanceProfile($0.0, roles: $0.1) }
        IsTruncated = page.isTruncated
        Marker = page.marker
    }
}

struct ListInstanceProfilesForRoleRequest: Decodable, Sendable {
    var RoleName: String?
    var Marker: String?
    var MaxItems: Int?
}

typealias ListInstanceProfilesForRoleResponse = ListInstanceProfilesResponse

struct AddRoleToInstanceProfileRequest: Decodable, Sendable {
    var InstanceProfileName: String?
    var RoleName: String?
}

struct RemoveRoleFromInstanceProfileRequest: Decodable, Sendable {
    var InstanceProfileName: String?
    var RoleName: String?
}

struct DeleteInstanceProfileRequest: Decodable, Sendable {
    var InstanceProfileName: String?
}
