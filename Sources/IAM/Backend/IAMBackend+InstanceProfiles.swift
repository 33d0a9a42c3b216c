import AWSCore
import Foundation

extension IAMBackend {
    func createInstanceProfile(
        _ context: RequestContext, name rawName: String?, path rawPath: String?, tags: [IAMTag], sourceIP: String?
    ) throws(IAMError) -> InstanceProfile {
        let name = try IAMNames.name(rawName, member: "instanceProfileName", maxLength: 128)
        let path = try IAMNames.path(rawPath)
        let account = context.accountID
        let arn = IAMARN.instanceProfile(account: account, path: path, name: name)
        try authorize(
            context, "iam:CreateInstanceProfile", resource: arn, keys: requestTagKeys(tags), sourceIP: sourceIP)
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
        return profile
    }

    /// The profile with its role (an instance profile holds at most one).
    func getInstanceProfile(_ context: RequestContext, name rawName: String?, sourceIP: String?)
        throws(IAMError) -> (InstanceProfile, [IAMRole])
    {
        let profile = try existingProfile(
            context.accountID, try IAMNames.name(rawName, member: "instanceProfileName", maxLength: 128))
        try authorize(
            context, "iam:GetInstanceProfile", resource: profile.arn, shown: "instance profile \(profile.name)",
            sourceIP: sourceIP)
        return (profile, try roles(of: profile))
    }

    func listInstanceProfiles(
        _ context: RequestContext, pathPrefix: String?, marker: String?, maxItems: Int?, sourceIP: String?
    ) throws(IAMError) -> Page<(InstanceProfile, [IAMRole])> {
        let prefix = pathPrefix ?? "/"
        try authorize(
            context, "iam:ListInstanceProfiles",
            resource: "arn:aws:iam::\(context.accountID):instance-profile\(prefix)", sourceIP: sourceIP)
        let profiles = try run { try store.read { try $0.instanceProfiles(account: context.accountID) } }
        var result: [(InstanceProfile, [IAMRole])] = []
        for profile in profiles where profile.path.hasPrefix(prefix) {
            result.append((profile, try roles(of: profile)))
        }
        return try Page.of(result, marker: marker, maxItems: maxItems)
    }

    func listInstanceProfilesForRole(
        _ context: RequestContext, roleName rawName: String?, marker: String?, maxItems: Int?, sourceIP: String?
    ) throws(IAMError) -> Page<(InstanceProfile, [IAMRole])> {
        let role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(
            context, "iam:ListInstanceProfilesForRole", resource: role.arn, shown: "role \(role.name)",
            sourceIP: sourceIP)
        let profiles = try run {
            try store.read { try $0.instanceProfiles(account: context.accountID, role: role.name) }
        }
        return try Page.of(profiles.map { ($0, [role]) }, marker: marker, maxItems: maxItems)
    }

    func addRoleToInstanceProfile(_ context: RequestContext, profileName: String?, roleName: String?, sourceIP: String?)
        throws(IAMError)
    {
        let profile = try existingProfile(
            context.accountID, try IAMNames.name(profileName, member: "instanceProfileName", maxLength: 128))
        let role = try existingRole(context.accountID, try IAMNames.name(roleName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:AddRoleToInstanceProfile", resource: profile.arn, sourceIP: sourceIP)
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

    func removeRoleFromInstanceProfile(
        _ context: RequestContext, profileName: String?, roleName: String?, sourceIP: String?
    )
        throws(IAMError)
    {
        let profile = try existingProfile(
            context.accountID, try IAMNames.name(profileName, member: "instanceProfileName", maxLength: 128))
        let name = try IAMNames.name(roleName, member: "roleName", maxLength: 64)
        try authorize(context, "iam:RemoveRoleFromInstanceProfile", resource: profile.arn, sourceIP: sourceIP)
        guard let current = profile.roleName, current.lowercased() == name.lowercased() else {
            throw .noSuchRole(name)
        }
        try run {
            try store.write { try $0.setInstanceProfileRole(account: context.accountID, name: profile.name, role: nil) }
        }
    }

    func deleteInstanceProfile(_ context: RequestContext, name rawName: String?, sourceIP: String?) throws(IAMError) {
        let profile = try existingProfile(
            context.accountID, try IAMNames.name(rawName, member: "instanceProfileName", maxLength: 128))
        try authorize(context, "iam:DeleteInstanceProfile", resource: profile.arn, sourceIP: sourceIP)
        guard profile.roleName == nil else {
            throw .deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        try run { try store.write { try $0.deleteInstanceProfile(account: context.accountID, name: profile.name) } }
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
