import AWSCore
import Foundation

extension IAMBackend {
    func createRole(_ input: CreateRoleRequest, context: RequestContext) throws(IAMError) -> CreateRoleResponse {
        if input.PermissionsBoundary != nil {
            throw IAMError.notSupported("ebauth does not support permissions boundaries (PermissionsBoundary).")
        }
        let name = try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64)
        let path = try IAMNames.path(input.Path)
        let tags = IAMShapes.tags(input.Tags)
        guard let trustPolicy = input.AssumeRolePolicyDocument else {
            throw IAMError.constraint(nil, member: "assumeRolePolicyDocument", "Member must not be null")
        }
        _ = try PolicyValidator.validate(trustPolicy, as: .trust)
        let duration = try sessionDuration(input.MaxSessionDuration)
        let account = context.accountID
        let arn = IAMARN.role(account: account, path: path, name: name)
        try authorize(context, "iam:CreateRole", resource: arn, keys: requestTagKeys(tags))
        let role = IAMRole(
            roleID: IAMIdentifiers.roleID(), accountID: account, name: name, path: path, arn: arn,
            trustPolicy: trustPolicy, description: input.Description, maxSessionDuration: duration, createdAt: now,
            tags: tags)
        try run {
            try store.write { tables in
                if try tables.role(account: account, name: name) != nil { throw IAMError.roleExists(name) }
                try tables.insert(role)
            }
        }
        return CreateRoleResponse(Role: IAMShapes.Role(role))
    }

    func getRole(_ input: GetRoleRequest, context: RequestContext) throws(IAMError) -> GetRoleResponse {
        let role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:GetRole", resource: role.arn, shown: "role \(role.name)")
        var shape = IAMShapes.Role(role)
        shape.RoleLastUsed = IAMShapes.RoleLastUsed()
        return GetRoleResponse(Role: shape)
    }

    func listRoles(_ input: ListRolesRequest, context: RequestContext) throws(IAMError) -> ListRolesResponse {
        let prefix = input.PathPrefix ?? "/"
        try authorize(
            context, "iam:ListRoles", resource: "arn:aws:iam::\(context.accountID):role\(prefix)")
        let roles = try run { try store.read { try $0.roles(account: context.accountID) } }
        let page = try Page.of(
            roles.filter { $0.path.hasPrefix(prefix) }, marker: input.Marker, maxItems: input.MaxItems)
        return ListRolesResponse(
            Roles: page.items.map { IAMShapes.Role($0, withTags: false) }, IsTruncated: page.isTruncated,
            Marker: page.marker)
    }

    func updateRole(_ input: UpdateRoleRequest, context: RequestContext) throws(IAMError) -> UpdateRoleResponse {
        var role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:UpdateRole", resource: role.arn)
        if let description = input.Description { role.description = description }
        if let maxSessionDuration = input.MaxSessionDuration {
            role.maxSessionDuration = try sessionDuration(maxSessionDuration)
        }
        let updated = role
        try run { try store.write { try $0.update(updated) } }
        return UpdateRoleResponse()
    }

    func updateAssumeRolePolicy(_ input: UpdateAssumeRolePolicyRequest, context: RequestContext)
        throws(IAMError)
    {
        var role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        guard let document = input.PolicyDocument else {
            throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null")
        }
        _ = try PolicyValidator.validate(document, as: .trust)
        try authorize(context, "iam:UpdateAssumeRolePolicy", resource: role.arn)
        role.trustPolicy = document
        let updated = role
        try run { try store.write { try $0.update(updated) } }
    }

    func deleteRole(_ input: DeleteRoleRequest, context: RequestContext) throws(IAMError) {
        let role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:DeleteRole", resource: role.arn)
        let account = context.accountID
        try run {
            try store.write { tables in
                if try !tables.instanceProfiles(account: account, role: role.name).isEmpty {
                    throw IAMError.deleteConflict(
                        "Cannot delete entity, must remove roles from instance profile first.")
                }
                if try !tables.attachedPolicies(account: account, type: .role, name: role.name).isEmpty {
                    throw IAMError.deleteConflict("Cannot delete entity, must detach all policies first.")
                }
                if try !tables.inlinePolicies(account: account, type: .role, principal: role.name).isEmpty {
                    throw IAMError.deleteConflict("Cannot delete entity, must delete policies first.")
                }
                try tables.deleteRole(account: account, name: role.name)
            }
        }
    }

    func tagRole(_ input: TagRoleRequest, context: RequestContext) throws(IAMError) {
        try retagRole(context, name: input.RoleName, add: IAMShapes.tags(input.Tags), remove: [])
    }

    func untagRole(_ input: UntagRoleRequest, context: RequestContext) throws(IAMError) {
        try retagRole(context, name: input.RoleName, add: [], remove: input.TagKeys ?? [])
    }

    func listRoleTags(_ input: ListRoleTagsRequest, context: RequestContext) throws(IAMError) -> ListRoleTagsResponse {
        let role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:ListRoleTags", resource: role.arn, shown: "role \(role.name)")
        return ListRoleTagsResponse(Tags: role.tags, IsTruncated: false)
    }

    private func retagRole(_ context: RequestContext, name rawName: String?, add: [IAMTag], remove: [String])
        throws(IAMError)
    {
        var role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(
            context, add.isEmpty ? "iam:UntagRole" : "iam:TagRole", resource: role.arn,
            keys: add.isEmpty ? ["aws:TagKeys": remove] : requestTagKeys(add))
        role.tags = try merged(role.tags, add: add, remove: remove)
        let updated = role
        try run { try store.write { try $0.update(updated) } }
    }

    /// 3,600 to 43,200 seconds; one hour by default.
    private func sessionDuration(_ value: Int?) throws(IAMError) -> Int {
        guard let value else { return 3600 }
        guard value >= 3600 else {
            throw IAMError.constraint(
                String(value), member: "maxSessionDuration", "Member must have value greater than or equal to 3600")
        }
        guard value <= 43200 else {
            throw IAMError.constraint(
                String(value), member: "maxSessionDuration", "Member must have value less than or equal to 43200")
        }
        return value
    }

    func existingRole(_ account: String, _ name: String) throws(IAMError) -> IAMRole {
        guard let role = try run({ try store.read { try $0.role(account: account, name: name) } }) else {
            throw .noSuchRole(name)
        }
        return role
    }
}
