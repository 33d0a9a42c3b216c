import AWSCore

/// The only table of IAM operation names: each decodes its request shape, calls the backend
/// and encodes its response shape. Operations not listed here answer 501 NotImplemented.
extension IAMBackend {
    func routes() -> QueryService {
        var service = QueryService(ServiceCatalog.iam)
        // Users and access keys
        service.on("CreateUser", createUser)
        service.on("GetUser", getUser)
        service.on("ListUsers", listUsers)
        service.on("DeleteUser", deleteUser)
        service.on("TagUser", tagUser)
        service.on("UntagUser", untagUser)
        service.on("ListUserTags", listUserTags)
        service.on("CreateAccessKey", createAccessKey)
        service.on("ListAccessKeys", listAccessKeys)
        service.on("UpdateAccessKey", updateAccessKey)
        service.on("DeleteAccessKey", deleteAccessKey)
        // Roles
        service.on("CreateRole", createRole)
        service.on("GetRole", getRole)
        service.on("ListRoles", listRoles)
        service.on("UpdateRole", updateRole)
        service.on("UpdateAssumeRolePolicy", updateAssumeRolePolicy)
        service.on("DeleteRole", deleteRole)
        service.on("TagRole", tagRole)
        service.on("UntagRole", untagRole)
        service.on("ListRoleTags", listRoleTags)
        // Instance profiles
        service.on("CreateInstanceProfile", createInstanceProfile)
        service.on("GetInstanceProfile", getInstanceProfile)
        service.on("ListInstanceProfiles", listInstanceProfiles)
        service.on("ListInstanceProfilesForRole", listInstanceProfilesForRole)
        service.on("AddRoleToInstanceProfile", addRoleToInstanceProfile)
        service.on("RemoveRoleFromInstanceProfile", removeRoleFromInstanceProfile)
        service.on("DeleteInstanceProfile", deleteInstanceProfile)
        // Managed policies
        service.on("CreatePolicy", createPolicy)
        service.on("GetPolicy", getPolicy)
        service.on("ListPolicies", listPolicies)
        service.on("DeletePolicy", deletePolicy)
        service.on("CreatePolicyVersion", createPolicyVersion)
        service.on("GetPolicyVersion", getPolicyVersion)
        service.on("ListPolicyVersions", listPolicyVersions)
        service.on("DeletePolicyVersion", deletePolicyVersion)
        service.on("SetDefaultPolicyVersion", setDefaultPolicyVersion)
        service.on("ListEntitiesForPolicy", listEntitiesForPolicy)
        // Policies of roles and users: attached managed ones and inline ones
        service.on("AttachRolePolicy", attachRolePolicy)
        service.on("DetachRolePolicy", detachRolePolicy)
        service.on("ListAttachedRolePolicies", listAttachedRolePolicies)
        service.on("PutRolePolicy", putRolePolicy)
        service.on("GetRolePolicy", getRolePolicy)
        service.on("ListRolePolicies", listRolePolicies)
        service.on("DeleteRolePolicy", deleteRolePolicy)
        service.on("AttachUserPolicy", attachUserPolicy)
        service.on("DetachUserPolicy", detachUserPolicy)
        service.on("ListAttachedUserPolicies", listAttachedUserPolicies)
        service.on("PutUserPolicy", putUserPolicy)
        service.on("GetUserPolicy", getUserPolicy)
        service.on("ListUserPolicies", listUserPolicies)
        service.on("DeleteUserPolicy", deleteUserPolicy)
        return service
    }
}
