import AWSCore
import Foundation

extension IAMBackend {
    func createUser(_ input: CreateUserRequest, context: RequestContext) throws(IAMError) -> CreateUserResponse {
        let name = try IAMNames.name(input.UserName, member: "userName", maxLength: 64)
        let path = try IAMNames.path(input.Path)
        let tags = IAMShapes.tags(input.Tags)
        let account = context.accountID
        let arn = IAMARN.user(account: account, path: path, name: name)
        try authorize(context, "iam:CreateUser", resource: arn, keys: requestTagKeys(tags))
        let user = IAMUser(
            userID: IAMIdentifiers.userID(), accountID: account, name: name, path: path, arn: arn, createdAt: now,
            tags: tags)
        try run {
            try store.write { tables in
                if try tables.user(account: account, name: name) != nil { throw IAMError.userExists(name) }
                try tables.insert(user)
            }
        }
        return CreateUserResponse(User: IAMShapes.User(user))
    }

    /// The named user, or the caller's own user when no name is given.
    func getUser(_ input: GetUserRequest, context: RequestContext) throws(IAMError) -> GetUserResponse {
        let account = context.accountID
        let userName: String
        if let name = input.UserName {
            userName = try IAMNames.name(name, member: "userName", maxLength: 128)
        } else {
            switch context.caller.kind {
            case .root:
                try authorize(context, "iam:GetUser", resource: context.caller.arn)
                return GetUserResponse(User: IAMShapes.User(root: context.caller))
            case .user:
                userName = IAMARN.lastComponent(context.caller.arn)
            case .assumedRole, .anonymous:
                throw .validation("Must specify userName when calling with non-User credentials")
            }
        }
        let user = try existingUser(account, userName)
        try authorize(context, "iam:GetUser", resource: user.arn, shown: "user \(user.name)")
        return GetUserResponse(User: IAMShapes.User(user))
    }

    func listUsers(_ input: ListUsersRequest, context: RequestContext) throws(IAMError) -> ListUsersResponse {
        let prefix = input.PathPrefix ?? "/"
        try authorize(
            context, "iam:ListUsers", resource: "arn:aws:iam::\(context.accountID):user\(prefix)")
        let users = try run { try store.read { try $0.users(account: context.accountID) } }
        let page = try Page.of(
            users.filter { $0.path.hasPrefix(prefix) }, marker: input.Marker, maxItems: input.MaxItems)
        return ListUsersResponse(
            Users: page.items.map { IAMShapes.User($0, withTags: false) }, IsTruncated: page.isTruncated,
            Marker: page.marker)
    }

    func deleteUser(_ input: DeleteUserRequest, context: RequestContext) throws(IAMError) {
        let name = try IAMNames.name(input.UserName, member: "userName", maxLength: 128)
        let account = context.accountID
        let user = try existingUser(account, name)
        try authorize(context, "iam:DeleteUser", resource: user.arn)
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

    func tagUser(_ input: TagUserRequest, context: RequestContext) throws(IAMError) {
        try retagUser(context, name: input.UserName, add: IAMShapes.tags(input.Tags), remove: [])
    }

    func untagUser(_ input: UntagUserRequest, context: RequestContext) throws(IAMError) {
        try retagUser(context, name: input.UserName, add: [], remove: input.TagKeys ?? [])
    }

    private func retagUser(_ context: RequestContext, name rawName: String?, add: [IAMTag], remove: [String])
        throws(IAMError)
    {
        let name = try IAMNames.name(rawName, member: "userName", maxLength: 128)
        let user = try existingUser(context.accountID, name)
        try authorize(
            context, add.isEmpty ? "iam:UntagUser" : "iam:TagUser", resource: user.arn,
            keys: add.isEmpty ? ["aws:TagKeys": remove] : requestTagKeys(add))
        let tags = try merged(user.tags, add: add, remove: remove)
        try run { try store.write { try $0.setUserTags(account: context.accountID, name: user.name, tags: tags) } }
    }

    func listUserTags(_ input: ListUserTagsRequest, context: RequestContext) throws(IAMError) -> ListUserTagsResponse {
        let user = try existingUser(
            context.accountID, try IAMNames.name(input.UserName, member: "userName", maxLength: 128))
        try authorize(context, "iam:ListUserTags", resource: user.arn, shown: "user \(user.name)")
        return ListUserTagsResponse(Tags: user.tags, IsTruncated: false)
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

    func createAccessKey(_ input: CreateAccessKeyRequest, context: RequestContext) throws(IAMError)
        -> CreateAccessKeyResponse
    {
        let user = try keyOwner(context, input.UserName)
        try authorize(context, "iam:CreateAccessKey", resource: user.arn)
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
        return CreateAccessKeyResponse(AccessKey: IAMShapes.AccessKey(key))
    }

    func listAccessKeys(_ input: ListAccessKeysRequest, context: RequestContext) throws(IAMError)
        -> ListAccessKeysResponse
    {
        let user = try keyOwner(context, input.UserName)
        try authorize(context, "iam:ListAccessKeys", resource: user.arn, shown: "user \(user.name)")
        let keys = try run { try store.read { try $0.accessKeys(account: context.accountID, user: user.name) } }
        return ListAccessKeysResponse(
            UserName: user.name, AccessKeyMetadata: keys.map(IAMShapes.AccessKeyMetadata.init), IsTruncated: false)
    }

    func updateAccessKey(_ input: UpdateAccessKeyRequest, context: RequestContext) throws(IAMError) {
        let user = try keyOwner(context, input.UserName)
        let status = input.Status
        guard let status, status == "Active" || status == "Inactive" else {
            throw IAMError.constraint(
                status, member: "status", "Member must satisfy enum value set: [Active, Inactive]")
        }
        let key = try existingKey(context, user, input.AccessKeyId)
        try authorize(context, "iam:UpdateAccessKey", resource: user.arn)
        try run { try store.write { try $0.setAccessKeyStatus(key.accessKeyID, status: status) } }
    }

    func deleteAccessKey(_ input: DeleteAccessKeyRequest, context: RequestContext) throws(IAMError) {
        let user = try keyOwner(context, input.UserName)
        let key = try existingKey(context, user, input.AccessKeyId)
        try authorize(context, "iam:DeleteAccessKey", resource: user.arn)
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
