import AWSCore
import Foundation

extension IAMBackend {
    func createInstanceProfile(_ input: CreateInstanceProfileRequest, context: RequestContext) throws(IAMError)
        -> CreateInstanceProfileResponse
    {
        let name = try IAMNames.name(input.InstanceProfileName, member: "instanceProfileName", maxLength: 128)
        let path = try IAMNames.path(input.Path)
        let tags = IAMShapes.tags(input.Tags)
        let account = context.accountID
        let arn = IAMARN.instanceProfile(account: account, path: path, name: name)
        try authorize(
            context, "iam:CreateInstanceProfile", resource: arn, keys: requestTagKeys(tags))
        let profile = InstanceProfile(
            instanceProfileID: IAMIdentifiers.instanceProfileID(), accountID: account, name: name, path: path, arn: arn,
            roleName: nil, createdAt: now, tags: tags)
        try run {
            try store.write { tables in
                if try tables.instanceProfile(account: account, name: name) != nil {
                    throw IAMError.instanceProfileExists(name)
                }
                try tables.insert(profile)
            }
        }
        return CreateInstanceProfileResponse(InstanceProfile: IAMShapes.InstanceProfile(profile, roles: []))
    }

    /// The profile with its role (an instance profile holds at most one).
    func getInstanceProfile(_ input: GetInstanceProfileRequest, context: RequestContext) throws(IAMError)
        -> GetInstanceProfileResponse
    {
        let profile = try existingProfile(context, named: input.InstanceProfileName)
        try authorize(
            context, "iam:GetInstanceProfile", resource: profile.arn, shown: "instance profile \(profile.name)")
        return GetInstanceProfileResponse(
            InstanceProfile: IAMShapes.InstanceProfile(profile, roles: try roles(of: profile)))
    }

    func listInstanceProfiles(_ input: ListInstanceProfilesRequest, context: RequestContext) throws(IAMError)
        -> ListInstanceProfilesResponse
    {
        let prefix = input.PathPrefix ?? "/"
        try authorize(
            context, "iam:ListInstanceProfiles",
            resource: "arn:aws:iam::\(context.accountID):instance-profile\(prefix)")
        let profiles = try run { try store.read { try $0.instanceProfiles(account: context.accountID) } }
        var result: [(InstanceProfile, [IAMRole])] = []
        for profile in profiles where profile.path.hasPrefix(prefix) {
            result.append((profile, try roles(of: profile)))
        }
        return ListInstanceProfilesResponse(try Page.of(result, marker: input.Marker, maxItems: input.MaxItems))
    }

    func listInstanceProfilesForRole(_ input: ListInstanceProfilesForRoleRequest, context: RequestContext)
        throws(IAMError) -> ListInstanceProfilesForRoleResponse
    {
        let role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(
            context, "iam:ListInstanceProfilesForRole", resource: role.arn, shown: "role \(role.name)")
        let profiles = try run {
            try store.read { try $0.instanceProfiles(account: context.accountID, role: role.name) }
        }
        return ListInstanceProfilesForRoleResponse(
            try Page.of(profiles.map { ($0, [role]) }, marker: input.Marker, maxItems: input.MaxItems))
    }

    func addRoleToInstanceProfile(_ input: AddRoleToInstanceProfileRequest, context: RequestContext)
        throws(IAMError)
    {
        let profile = try existingProfile(context, named: input.InstanceProfileName)
        let role = try existingRole(
            context.accountID, try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:AddRoleToInstanceProfile", resource: profile.arn)
        try run {
            try store.write { tables in
                if let current = try tables.instanceProfile(account: context.accountID, name: profile.name),
                    current.roleName != nil
                {
                    throw IAMError.instanceProfileRoleQuota
                }
                try tables.setInstanceProfileRole(account: context.accountID, name: profile.name, role: role.name)
            }
        }
    }

    func removeRoleFromInstanceProfile(_ input: RemoveRoleFromInstanceProfileRequest, context: RequestContext)
        throws(IAMError)
    {
        let profile = try existingProfile(context, named: input.InstanceProfileName)
        let name = try IAMNames.name(input.RoleName, member: "roleName", maxLength: 64)
        try authorize(context, "iam:RemoveRoleFromInstanceProfile", resource: profile.arn)
        guard let current = profile.roleName, current.lowercased() == name.lowercased() else {
            throw .noSuchRole(name)
        }
        try run {
            try store.write { try $0.setInstanceProfileRole(account: context.accountID, name: profile.name, role: nil) }
        }
    }

    func deleteInstanceProfile(_ input: DeleteInstanceProfileRequest, context: RequestContext) throws(IAMError) {
        let profile = try existingProfile(context, named: input.InstanceProfileName)
        try authorize(context, "iam:DeleteInstanceProfile", resource: profile.arn)
        guard profile.roleName == nil else {
            throw .deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        try run { try store.write { try $0.deleteInstanceProfile(account: context.accountID, name: profile.name) } }
    }

    private func existingProfile(_ context: RequestContext, named name: String?) throws(IAMError) -> InstanceProfile {
        try existingProfile(
            context.accountID, try IAMNames.name(name, member: "instanceProfileName", maxLength: 128))
    }

    func existingProfile(_ account: String, _ name: String) throws(IAMError) -> InstanceProfile {
        guard let profile = try run({ try store.read { try $0.instanceProfile(account: account, name: name) } }) else {
            throw .noSuchInstanceProfile(name)
        }
        return profile
    }

    private func roles(of profile: InstanceProfile) throws(IAMError) -> [IAMRole] {
        guard let name = profile.roleName else { return [] }
        return try run { try store.read { try $0.role(account: profile.accountID, name: name) }.map { [$0] } ?? [] }
    }
}
