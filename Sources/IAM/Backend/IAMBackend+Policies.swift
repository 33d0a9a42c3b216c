import AWSCore
import Crypto
import Foundation

extension IAMBackend {
    func createPolicy(
        _ context: RequestContext, name rawName: String?, path rawPath: String?, document: String?,
        description: String?,
        tags: [IAMTag], sourceIP: String?
    ) throws(IAMError) -> ManagedPolicy {
        let name = try IAMNames.name(rawName, member: "policyName", maxLength: 128)
        let path = try IAMNames.path(rawPath)
        guard let document else { throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null") }
        _ = try PolicyValidator.validate(document, as: .identity)
        try PolicyValidator.checkManagedSize(document)
        let account = context.accountID
        let arn = IAMARN.policy(account: account, path: path, name: name)
        try authorize(context, "iam:CreatePolicy", resource: arn, keys: requestTagKeys(tags), sourceIP: sourceIP)
        let policy = ManagedPolicy(
            policyID: IAMIdentifiers.policyID(), name: name, path: path, arn: arn, description: description,
            defaultVersion: "v1", createdAt: now, updatedAt: now, tags: tags, attachmentCount: 0, isAWSManaged: false)
        try run {
            try store.write { tables in
                if try tables.customerPolicy(account: account, name: name) != nil { throw IAMError.policyExists(name) }
                try tables.insertPolicy(policy, account: account, firstDocument: document)
            }
        }
        return policy
    }

    func getPolicy(_ context: RequestContext, arn: String?, sourceIP: String?) throws(IAMError) -> ManagedPolicy {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        try authorize(context, "iam:GetPolicy", resource: policy.arn, shown: "policy \(policy.arn)", sourceIP: sourceIP)
        return policy
    }

    func listPolicies(
        _ context: RequestContext, scope: String?, onlyAttached: Bool, pathPrefix: String?, marker: String?,
        maxItems: Int?, sourceIP: String?
    ) throws(IAMError) -> Page<ManagedPolicy> {
        let scope = scope ?? "All"
        guard ["All", "AWS", "Local"].contains(scope) else {
            throw IAMError.constraint(scope, member: "scope", "Member must satisfy enum value set: [All, AWS, Local]")
        }
        let prefix = pathPrefix ?? "/"
        try authorize(
            context, "iam:ListPolicies", resource: "arn:aws:iam::\(context.accountID):policy\(prefix)",
            sourceIP: sourceIP)
        var policies: [ManagedPolicy] = []
        if scope != "Local" {
            for managed in AWSManagedPolicies.all {
                policies.append(try awsPolicy(managed, account: context.accountID))
            }
        }
        if scope != "AWS" {
            policies += try run { try store.read { try $0.customerPolicies(account: context.accountID) } }
        }
        let selected = policies.filter { $0.path.hasPrefix(prefix) && (!onlyAttached || $0.attachmentCount > 0) }
        return try Page.of(selected, marker: marker, maxItems: maxItems)
    }

    func deletePolicy(_ context: RequestContext, arn: String?, sourceIP: String?) throws(IAMError) {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        try authorize(context, "iam:DeletePolicy", resource: policy.arn, sourceIP: sourceIP)
        guard !policy.isAWSManaged else {
            throw .unmodifiable("Cannot delete an AWS managed policy: \(policy.arn).")
        }
        try run {
            try store.write { tables in
                if try tables.attachmentCount(policyARN: policy.arn) > 0 {
                    throw IAMError.deleteConflict("Cannot delete a policy attached to entities.")
                }
                if try tables.versions(policyARN: policy.arn).count > 1 {
                    throw IAMError.deleteConflict(
                        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."
                    )
                }
                try tables.deletePolicy(arn: policy.arn)
            }
        }
    }

    // MARK: Versions

    func createPolicyVersion(
        _ context: RequestContext, arn: String?, document: String?, setAsDefault: Bool, sourceIP: String?
    )
        throws(IAMError) -> PolicyVersion
    {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        guard let document else { throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null") }
        _ = try PolicyValidator.validate(document, as: .identity)
        try PolicyValidator.checkManagedSize(document)
        try authorize(context, "iam:CreatePolicyVersion", resource: policy.arn, sourceIP: sourceIP)
        guard !policy.isAWSManaged else { throw .unmodifiable("Cannot modify an AWS managed policy: \(policy.arn).") }
        let date = now
        let id = try run {
            try store.write { tables in
                if try tables.versions(policyARN: policy.arn).count >= 5 { throw IAMError.policyVersionQuota }
                return try tables.addVersion(
                    policyARN: policy.arn, document: document, at: date, setAsDefault: setAsDefault)
            }
        }
        return PolicyVersion(
            policyARN: policy.arn, versionID: id, document: document, createdAt: date, isDefault: setAsDefault)
    }

    func getPolicyVersion(_ context: RequestContext, arn: String?, versionID: String?, sourceIP: String?)
        throws(IAMError) -> PolicyVersion
    {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        guard let versionID else { throw IAMError.constraint(nil, member: "versionId", "Member must not be null") }
        try authorize(
            context, "iam:GetPolicyVersion", resource: policy.arn, shown: "policy \(policy.arn)", sourceIP: sourceIP)
        guard let version = try versions(of: policy).first(where: { $0.versionID == versionID }) else {
            throw .noSuchPolicyVersion(arn: policy.arn, version: versionID)
        }
        return version
    }

    func listPolicyVersions(_ context: RequestContext, arn: String?, marker: String?, maxItems: Int?, sourceIP: String?)
        throws(IAMError) -> Page<PolicyVersion>
    {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        try authorize(
            context, "iam:ListPolicyVersions", resource: policy.arn, shown: "policy \(policy.arn)", sourceIP: sourceIP)
        return try Page.of(try versions(of: policy), marker: marker, maxItems: maxItems)
    }

    func deletePolicyVersion(_ context: RequestContext, arn: String?, versionID: String?, sourceIP: String?)
        throws(IAMError)
    {
        let version = try getPolicyVersion(context, arn: arn, versionID: versionID, sourceIP: sourceIP)
        try authorize(context, "iam:DeletePolicyVersion", resource: version.policyARN, sourceIP: sourceIP)
        guard !AWSManagedPolicies.isAWSManaged(version.policyARN) else {
            throw .unmodifiable("Cannot modify an AWS managed policy: \(version.policyARN).")
        }
        guard !version.isDefault else { throw .deleteConflict("Cannot delete the default version of a policy.") }
        try run { try store.write { try $0.deleteVersion(policyARN: version.policyARN, versionID: version.versionID) } }
    }

    func setDefaultPolicyVersion(_ context: RequestContext, arn: String?, versionID: String?, sourceIP: String?)
        throws(IAMError)
    {
        let version = try getPolicyVersion(context, arn: arn, versionID: versionID, sourceIP: sourceIP)
        try authorize(context, "iam:SetDefaultPolicyVersion", resource: version.policyARN, sourceIP: sourceIP)
        guard !AWSManagedPolicies.isAWSManaged(version.policyARN) else {
            throw .unmodifiable("Cannot modify an AWS managed policy: \(version.policyARN).")
        }
        let date = now
        try run {
            try store.write {
                try $0.setDefaultVersion(policyARN: version.policyARN, versionID: version.versionID, at: date)
            }
        }
    }

    // MARK: Attachments

    func attachPolicy(
        _ context: RequestContext, to type: PrincipalType, name rawName: String?, arn: String?, sourceIP: String?
    )
        throws(IAMError)
    {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policy = try existingPolicy(context, arn, missing: IAMError.policyNotAttachable)
        let action = type == .role ? "iam:AttachRolePolicy" : "iam:AttachUserPolicy"
        try authorize(
            context, action, resource: principalARN, keys: ["iam:PolicyARN": [policy.arn]], sourceIP: sourceIP)
        let date = now
        try run {
            try store.write { tables in
                if try tables.attachedPolicies(account: context.accountID, type: type, name: principalName).count >= 10
                {
                    throw IAMError.limitExceeded(
                        "Cannot exceed quota for \(type == .role ? "PoliciesPerRole" : "PoliciesPerUser"): 10")
                }
                try tables.attach(
                    account: context.accountID, type: type, name: principalName, policyARN: policy.arn, at: date)
            }
        }
    }

    func detachPolicy(
        _ context: RequestContext, from type: PrincipalType, name rawName: String?, arn: String?, sourceIP: String?
    )
        throws(IAMError)
    {
        let (principalName, principalARN) = try principal(context, type, rawName)
        guard let arn else { throw IAMError.constraint(nil, member: "policyArn", "Member must not be null") }
        let action = type == .role ? "iam:DetachRolePolicy" : "iam:DetachUserPolicy"
        try authorize(context, action, resource: principalARN, keys: ["iam:PolicyARN": [arn]], sourceIP: sourceIP)
        let removed = try run {
            try store.write {
                try $0.detach(account: context.accountID, type: type, name: principalName, policyARN: arn)
            }
        }
        if !removed { throw .noSuchPolicy(arn: arn) }
    }

    /// `(name, arn)` of the attached managed policies, optionally under a path.
    func listAttachedPolicies(
        _ context: RequestContext, of type: PrincipalType, name rawName: String?, pathPrefix: String?, marker: String?,
        maxItems: Int?, sourceIP: String?
    ) throws(IAMError) -> Page<(String, String)> {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let action = type == .role ? "iam:ListAttachedRolePolicies" : "iam:ListAttachedUserPolicies"
        try authorize(
            context, action, resource: principalARN, shown: "\(type.rawValue) \(principalName)", sourceIP: sourceIP)
        let prefix = pathPrefix ?? "/"
        let arns = try run {
            try store.read { try $0.attachedPolicies(account: context.accountID, type: type, name: principalName) }
        }
        let attached = arns.compactMap { arn -> (String, String)? in
            guard let parsed = IAMARN.parse(arn), parsed.path.hasPrefix(prefix) else { return nil }
            return (parsed.name, arn)
        }
        return try Page.of(attached, marker: marker, maxItems: maxItems)
    }

    /// Users and roles the policy is attached to, in the caller's account.
    func listEntitiesForPolicy(_ context: RequestContext, arn: String?, filter: String?, sourceIP: String?)
        throws(IAMError) -> (users: [IAMUser], roles: [IAMRole])
    {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        try authorize(
            context, "iam:ListEntitiesForPolicy", resource: policy.arn, shown: "policy \(policy.arn)",
            sourceIP: sourceIP)
        let entities = try run { try store.read { try $0.entities(policyARN: policy.arn, account: context.accountID) } }
        var users: [IAMUser] = []
        var roles: [IAMRole] = []
        for (type, name) in entities {
            switch type {
            case .user where filter == nil || filter == "User":
                if let user = try? existingUser(context.accountID, name) { users.append(user) }
            case .role where filter == nil || filter == "Role":
                if let role = try? existingRole(context.accountID, name) { roles.append(role) }
            default: continue
            }
        }
        return (users, roles)
    }

    // MARK: Inline policies

    func putInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?,
        document: String?, sourceIP: String?
    ) throws(IAMError) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        guard let document else { throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null") }
        _ = try PolicyValidator.validate(document, as: .identity)
        try authorize(
            context, type == .role ? "iam:PutRolePolicy" : "iam:PutUserPolicy", resource: principalARN,
            sourceIP: sourceIP)
        try run {
            try store.write {
                try $0.putInlinePolicy(
                    account: context.accountID, type: type, principal: principalName, name: policyName,
                    document: document)
            }
        }
    }

    func getInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?,
        sourceIP: String?
    ) throws(IAMError) -> (principal: String, name: String, document: String) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        try authorize(
            context, type == .role ? "iam:GetRolePolicy" : "iam:GetUserPolicy", resource: principalARN,
            shown: "\(type.rawValue) \(principalName)", sourceIP: sourceIP)
        guard
            let (storedName, document) = try run({
                try store.read {
                    try $0.inlinePolicy(
                        account: context.accountID, type: type, principal: principalName, name: policyName)
                }
            })
        else {
            throw type == .role ? .noSuchRolePolicy(policyName) : .noSuchUserPolicy(policyName)
        }
        return (principalName, storedName, document)
    }

    func listInlinePolicies(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, marker: String?, maxItems: Int?,
        sourceIP: String?
    ) throws(IAMError) -> Page<String> {
        let (principalName, principalARN) = try principal(context, type, rawName)
        try authorize(
            context, type == .role ? "iam:ListRolePolicies" : "iam:ListUserPolicies", resource: principalARN,
            shown: "\(type.rawValue) \(principalName)", sourceIP: sourceIP)
        let names = try run {
            try store.read { try $0.inlinePolicies(account: context.accountID, type: type, principal: principalName) }
        }.map(\.0)
        return try Page.of(names, marker: marker, maxItems: maxItems)
    }

    func deleteInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?,
        sourceIP: String?
    ) throws(IAMError) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        try authorize(
            context, type == .role ? "iam:DeleteRolePolicy" : "iam:DeleteUserPolicy", resource: principalARN,
            sourceIP: sourceIP)
        let deleted = try run {
            try store.write {
                try $0.deleteInlinePolicy(
                    account: context.accountID, type: type, principal: principalName, name: policyName)
            }
        }
        if !deleted { throw type == .role ? .noSuchRolePolicy(policyName) : .noSuchUserPolicy(policyName) }
    }

    // MARK: Shared

    /// `(name, arn)` of an existing user or role.
    private func principal(_ context: RequestContext, _ type: PrincipalType, _ rawName: String?) throws(IAMError) -> (
        String, String
    ) {
        switch type {
        case .role:
            let role = try existingRole(
                context.accountID, try IAMNames.name(rawName, member: "roleName", maxLength: 64))
            return (role.name, role.arn)
        case .user:
            let user = try existingUser(
                context.accountID, try IAMNames.name(rawName, member: "userName", maxLength: 128))
            return (user.name, user.arn)
        }
    }

    /// A customer managed policy of the caller's account or an AWS managed one.
    func existingPolicy(_ context: RequestContext, _ arn: String?, missing: (String) -> IAMError) throws(IAMError)
        -> ManagedPolicy
    {
        guard let arn else { throw IAMError.constraint(nil, member: "policyArn", "Member must not be null") }
        guard IAMARN.parse(arn)?.kind == "policy" else { throw .invalidInput("ARN \(arn) is not valid.") }
        if let managed = AWSManagedPolicies.policy(arn: arn) {
            return try awsPolicy(managed, account: context.accountID)
        }
        guard IAMARN.account(arn) == context.accountID,
            let policy = try run({ try store.read { try $0.customerPolicy(arn: arn) } })
        else { throw missing(arn) }
        return policy
    }

    private func versions(of policy: ManagedPolicy) throws(IAMError) -> [PolicyVersion] {
        if policy.isAWSManaged, let managed = AWSManagedPolicies.policy(arn: policy.arn) {
            return [
                PolicyVersion(
                    policyARN: policy.arn, versionID: managed.versionID, document: managed.document,
                    createdAt: policy.updatedAt, isDefault: true)
            ]
        }
        return try run { try store.read { try $0.versions(policyARN: policy.arn) } }
    }

    /// An AWS managed policy as IAM lists it. Its id is derived from its name (AWS's real ids are
    /// not published); its dates are those of the default version ebauth ships.
    func awsPolicy(_ managed: AWSManagedPolicy, account: String) throws(IAMError) -> ManagedPolicy {
        let digest = SHA256.hash(data: Data(managed.name.utf8))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let id = "ANPA" + String(digest.prefix(17).map { alphabet[Int($0) % 32] })
        let date = ISO8601DateFormatter().date(from: managed.versionDate) ?? Date(timeIntervalSince1970: 0)
        let count = try run { try store.read { try $0.attachmentCount(policyARN: managed.arn, account: account) } }
        return ManagedPolicy(
            policyID: id, name: managed.name, path: managed.path, arn: managed.arn, description: managed.description,
            defaultVersion: managed.versionID, createdAt: date, updatedAt: date, tags: [], attachmentCount: count,
            isAWSManaged: true)
    }
}
