import AWSCore
import Foundation

extension IAMBackend {
    func createUser(
        _ context: RequestContext, name rawName: String?, path rawPath: String?, tags: [IAMTag], sourceIP: String?
    )
        throws(IAMError) -> IAMUser
    {
        let name = try IAMNames.name(rawName, member: "userName", maxLength: 64)
        let path = try IAMNames.path(rawPath)
        let account = context.accountID
        let arn = IAMARN.user(account: account, path: path, name: name)
        try authorize(context, "iam:CreateUser", resource: arn, keys: requestTagKeys(tags), sourceIP: sourceIP)
        let user = IAMUser(
            userID: IAMIdentifiers.userID(), accountID: account, name: name, path: path, arn: arn, createdAt: now,
            tags: tags)
        try run {
            try store.write { tables in
                if try tables.user(account: account, name: name) != nil { throw IAMError.userExists(name) }
                try tables.insert(user)
            }
        }
        return user
    }

    /// The named user, or the caller's own user when no name is given.
    func getUser(_ context: RequestContext, name: String?, sourceIP: String?) throws(IAMError) -> IAMUser? {
        let account = context.accountID
        let userName: String
        if let name {
            userName = try IAMNames.name(name, member: "userName", maxLength: 128)
        } else {
            switch context.caller.kind {
            case .root:
                try authorize(context, "iam:GetUser", resource: context.caller.arn, sourceIP: sourceIP)
                return nil
            case .user:
                userName = IAMARN.lastComponent(context.caller.arn)
            case .assumedRole, .anonymous:
                throw .validation("Must specify userName when calling with non-User credentials")
            }
        }
        let user = try existingUser(account, userName)
        try authorize(context, "iam:GetUser", resource: user.arn, shown: "user \(user.name)", sourceIP: sourceIP)
        return user
    }

    func listUsers(_ context: RequestContext, pathPrefix: String?, marker: String?, maxItems: Int?, sourceIP: String?)
        throws(IAMError) -> Page<IAMUser>
    {
        let prefix = pathPrefix ?? "/"
        try authorize(
            context, "iam:ListUsers", resource: "arn:aws:iam::\(context.accountID):user\(prefix)", sourceIP: sourceIP)
        let users = try run { try store.read { try $0.users(account: context.accountID) } }
        return try Page.of(users.filter { $0.path.hasPrefix(prefix) }, marker: marker, maxItems: maxItems)
    }

    func deleteUser(_ context: RequestContext, name rawName: String?, sourceIP: String?) throws(IAMError) {
        let name = try IAMNames.name(rawName, member: "userName", maxLength: 128)
        let account = context.accountID
        let user = try existingUser(account, name)
        try authorize(context, "iam:DeleteUser", resource: user.arn, sourceIP: sourceIP)
        try run {
            try store.write { tables in
                guard try tables.user(account: account, name: name) != nil else { throw IAMError.noSuchUser(name) }
                if try !tables.accessKeys(account: account, user: name).isEmpty {
                    throw IAMError.deleteConflict("Cannot delete entity, must delete access keys first.")
                }
                if try !tables.inlinePolicies(account: account, type: .user, principal: name).isEmpty {
                    throw IAMError.deleteConflict("Cannot delete entity, must delete policies first.")
                }
                if try !tables.attachedPolicies(account: account, type: .user, name: name).isEmpty {
                    throw IAMError.deleteConflict("Cannot delete entity, must detach all policies first.")
                }
                try tables.deleteUser(account: account, name: name)
            }
        }
    }

    func tagUser(_ context: RequestContext, name rawName: String?, add: [IAMTag], remove: [String], sourceIP: String?)
        throws(IAMError)
    {
        let name = try IAMNames.name(rawName, member: "userName", maxLength: 128)
        let user = try existingUser(context.accountID, name)
        try authorize(
            context, add.isEmpty ? "iam:UntagUser" : "iam:TagUser", resource: user.arn,
            keys: add.isEmpty ? ["aws:TagKeys": remove] : requestTagKeys(add), sourceIP: sourceIP)
        let tags = try merged(user.tags, add: add, remove: remove)
        try run { try store.write { try $0.setUserTags(account: context.accountID, name: user.name, tags: tags) } }
    }

    func listTags(_ context: RequestContext, of type: PrincipalType, name rawName: String?, sourceIP: String?)
        throws(IAMError) -> [IAMTag]
    {
        switch type {
        case .user:
            let user = try existingUser(
                context.accountID, try IAMNames.name(rawName, member: "userName", maxLength: 128))
            try authorize(
                context, "iam:ListUserTags", resource: user.arn, shown: "user \(user.name)", sourceIP: sourceIP)
            return user.tags
        case .role:
            let role = try existingRole(
                context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
            try authorize(
                context, "iam:ListRoleTags", resource: role.arn, shown: "role \(role.name)", sourceIP: sourceIP)
            return role.tags
        }
    }

    // MARK: Access keys

    /// Whose keys an access-key call means: the named user, or the calling user.
    private func keyOwner(_ context: RequestContext, _ name: String?) throws(IAMError) -> IAMUser {
        if let name {
            return try existingUser(context.accountID, try IAMNames.name(name, member: "userName", maxLength: 128))
        }
        guard context.caller.kind == .user else {
            throw .validation("Must specify userName when calling with non-User credentials")
        }
        return try existingUser(context.accountID, IAMARN.lastComponent(context.caller.arn))
    }

    func createAccessKey(_ context: RequestContext, userName: String?, sourceIP: String?) throws(IAMError) -> AccessKey
    {
        let user = try keyOwner(context, userName)
        try authorize(context, "iam:CreateAccessKey", resource: user.arn, sourceIP: sourceIP)
        let key = AccessKey(
            accessKeyID: IAMIdentifiers.accessKeyID(), accountID: context.accountID, userName: user.name,
            secretAccessKey: IAMIdentifiers.secretAccessKey(), status: "Active", createdAt: now)
        try run {
            try store.write { tables in
                if try tables.accessKeys(account: context.accountID, user: user.name).count >= 2 {
                    throw IAMError.accessKeyQuota
                }
                try tables.insert(key)
            }
        }
        return key
    }

    func listAccessKeys(_ context: RequestContext, userName: String?, sourceIP: String?) throws(IAMError) -> (
        IAMUser, [AccessKey]
    ) {
        let user = try keyOwner(context, userName)
        try authorize(context, "iam:ListAccessKeys", resource: user.arn, shown: "user \(user.name)", sourceIP: sourceIP)
        let keys = try run { try store.read { try $0.accessKeys(account: context.accountID, user: user.name) } }
        return (user, keys)
    }

    func updateAccessKey(
        _ context: RequestContext, userName: String?, accessKeyID: String?, status: String?, sourceIP: String?
    )
        throws(IAMError)
    {
        let user = try keyOwner(context, userName)
        guard let status, status == "Active" || status == "Inactive" else {
            throw IAMError.constraint(
                status, member: "status", "Member must satisfy enum value set: [Active, Inactive]")
        }
        let key = try existingKey(context, user, accessKeyID)
        try authorize(context, "iam:UpdateAccessKey", resource: user.arn, sourceIP: sourceIP)
        try run { try store.write { try $0.setAccessKeyStatus(key.accessKeyID, status: status) } }
    }

    func deleteAccessKey(_ context: RequestContext, userName: String?, accessKeyID: String?, sourceIP: String?)
        throws(IAMError)
    {
        let user = try keyOwner(context, userName)
        let key = try existingKey(context, user, accessKeyID)
        try authorize(context, "iam:DeleteAccessKey", resource: user.arn, sourceIP: sourceIP)
        try run { try store.write { try $0.deleteAccessKey(key.accessKeyID) } }
    }

    private func existingKey(_ context: RequestContext, _ user: IAMUser, _ id: String?) throws(IAMError) -> AccessKey {
        guard let id else { throw IAMError.constraint(nil, member: "accessKeyId", "Member must not be null") }
        let key = try run { try store.read { try $0.accessKey(id) } }
        guard let key, key.accountID == context.accountID, key.userName.lowercased() == user.name.lowercased() else {
            throw .noSuchAccessKey(id)
        }
        return key
    }

    // MARK: Shared

    func existingUser(_ account: String, _ name: String) throws(IAMError) -> IAMUser {
        guard let user = try run({ try store.read { try $0.user(account: account, name: name) } }) else {
            throw .noSuchUser(name)
        }
        return user
    }

    func requestTagKeys(_ tags: [IAMTag]) -> [String: [String]] {
        var keys: [String: [String]] = ["aws:TagKeys": tags.map(\.Key)]
        for tag in tags { keys["aws:RequestTag/\(tag.Key)"] = [tag.Value] }
        return keys
    }

    /// Tags after adding (replacing same keys) and removing; IAM allows 50 per entity.
    func merged(_ tags: [IAMTag], add: [IAMTag], remove: [String]) throws(IAMError) -> [IAMTag] {
        var result = tags.filter { tag in !remove.contains(tag.Key) && !add.contains { $0.Key == tag.Key } }
        result += add
        if result.count > 50 { throw .limitExceeded("Cannot exceed quota for TagsPerEntity: 50") }
        return result
    }

    /// Runs storage work; IAM errors pass through, anything else is ebauth's fault.
    func run<T>(_ body: () throws -> T) throws(IAMError) -> T {
        do {
            return try body()
        } catch let error as IAMError {
            throw error
        } catch {
            // Storage failures are ebauth's fault; the log names the error (never bound values).
            IAMModule.logger.error("iam storage failure: \(error)")
            throw .internalFailure
        }
    }
}
