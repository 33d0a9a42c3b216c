import AWSCore
import Foundation

extension IAMBackend {
    func createRole(
        _ context: RequestContext, name rawName: String?, path rawPath: String?, trustPolicy: String?,
        description: String?, maxSessionDuration: Int?, tags: [IAMTag], sourceIP: String?
    ) throws(IAMError) -> IAMRole {
        let name = try IAMNames.name(rawName, member: "roleName", maxLength: 64)
        let path = try IAMNames.path(rawPath)
        guard let trustPolicy else {
            throw IAMError.constraint(nil, member: "assumeRolePolicyDocument", "Member must not be null")
        }
        _ = try PolicyValidator.validate(trustPolicy, as: .trust)
        let duration = try sessionDuration(maxSessionDuration)
        let account = context.accountID
        let arn = IAMARN.role(account: account, path: path, name: name)
        try authorize(context, "iam:CreateRole", resource: arn, keys: requestTagKeys(tags), sourceIP: sourceIP)
        let role = IAMRole(
            roleID: IAMIdentifiers.roleID(), accountID: account, name: name, path: path, arn: arn,
            trustPolicy: trustPolicy, description: description, maxSessionDuration: duration, createdAt: now, tags: tags
        )
        try run {
            try store.write { tables in
                if try tables.role(account: account, name: name) != nil { throw IAMError.roleExists(name) }
                try tables.insert(role)
            }
        }
        return role
    }

    func getRole(_ context: RequestContext, name rawName: String?, sourceIP: String?) throws(IAMError) -> IAMRole {
        let role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:GetRole", resource: role.arn, shown: "role \(role.name)", sourceIP: sourceIP)
        return role
    }

    func listRoles(_ context: RequestContext, pathPrefix: String?, marker: String?, maxItems: Int?, sourceIP: String?)
        throws(IAMError) -> Page<IAMRole>
    {
        let prefix = pathPrefix ?? "/"
        try authorize(
            context, "iam:ListRoles", resource: "arn:aws:iam::\(context.accountID):role\(prefix)", sourceIP: sourceIP)
        let roles = try run { try store.read { try $0.roles(account: context.accountID) } }
        return try Page.of(roles.filter { $0.path.hasPrefix(prefix) }, marker: marker, maxItems: maxItems)
    }

    func updateRole(
        _ context: RequestContext, name rawName: String?, description: String?, maxSessionDuration: Int?,
        sourceIP: String?
    ) throws(IAMError) {
        var role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:UpdateRole", resource: role.arn, sourceIP: sourceIP)
        if let description { role.description = description }
        if let maxSessionDuration { role.maxSessionDuration = try sessionDuration(maxSessionDuration) }
        let updated = role
        try run { try store.write { try $0.update(updated) } }
    }

    func updateAssumeRolePolicy(_ context: RequestContext, name rawName: String?, document: String?, sourceIP: String?)
        throws(IAMError)
    {
        var role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        guard let document else { throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null") }
        _ = try PolicyValidator.validate(document, as: .trust)
        try authorize(context, "iam:UpdateAssumeRolePolicy", resource: role.arn, sourceIP: sourceIP)
        role.trustPolicy = document
        let updated = role
        try run { try store.write { try $0.update(updated) } }
    }

    func deleteRole(_ context: RequestContext, name rawName: String?, sourceIP: String?) throws(IAMError) {
        let role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(context, "iam:DeleteRole", resource: role.arn, sourceIP: sourceIP)
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

    func tagRole(_ context: RequestContext, name rawName: String?, add: [IAMTag], remove: [String], sourceIP: String?)
        throws(IAMError)
    {
        var role = try existingRole(context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
        try authorize(
            context, add.isEmpty ? "iam:UntagRole" : "iam:TagRole", resource: role.arn,
            keys: add.isEmpty ? ["aws:TagKeys": remove] : requestTagKeys(add), sourceIP: sourceIP)
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
