import AWSCore
import Crypto
import Foundation

extension IAMBackend {
    func createPolicy(_ input: CreatePolicyRequest, context: RequestContext) throws(IAMError)
        -> CreatePolicyResponse
    {
        let name = try IAMNames.name(input.PolicyName, member: "policyName", maxLength: 128)
        let path = try IAMNames.path(input.Path)
        let tags = IAMShapes.tags(input.Tags)
        guard let document = input.PolicyDocument else {
            throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null")
        }
        _ = try PolicyValidator.validate(document, as: .identity)
        try PolicyValidator.checkManagedSize(document)
        let account = context.accountID
        let arn = IAMARN.policy(account: account, path: path, name: name)
        try authorize(context, "iam:CreatePolicy", resource: arn, keys: requestTagKeys(tags))
        let policy = ManagedPolicy(
            policyID: IAMIdentifiers.policyID(), name: name, path: path, arn: arn, description: input.Description,
            defaultVersion: "v1", createdAt: now, updatedAt: now, tags: tags, attachmentCount: 0, isAWSManaged: false)
        try run {
            try store.write { tables in
                if try tables.customerPolicy(account: account, name: name) != nil { throw IAMError.policyExists(name) }
                try tables.insertPolicy(policy, account: account, firstDocument: document)
            }
        }
        return CreatePolicyResponse(Policy: IAMShapes.Policy(policy))
    }

    func getPolicy(_ input: GetPolicyRequest, context: RequestContext) throws(IAMError) -> GetPolicyResponse {
        let policy = try existingPolicy(context, input.PolicyArn, missing: IAMError.noSuchPolicy)
        try authorize(context, "iam:GetPolicy", resource: policy.arn, shown: "policy \(policy.arn)")
        return GetPolicyResponse(Policy: IAMShapes.Policy(policy, withDescription: true))
    }

    func listPolicies(_ input: ListPoliciesRequest, context: RequestContext) throws(IAMError)
        -> ListPoliciesResponse
    {
        if input.PolicyUsageFilter != nil {
            throw IAMError.notSupported("ebauth does not support PolicyUsageFilter in ListPolicies.")
        }
        let scope = input.Scope ?? "All"
        let onlyAttached = input.OnlyAttached ?? false
        guard ["All", "AWS", "Local"].contains(scope) else {
            throw IAMError.constraint(scope, member: "scope", "Member must satisfy enum value set: [All, AWS, Local]")
        }
        let prefix = input.PathPrefix ?? "/"
        try authorize(
            context, "iam:ListPolicies", resource: "arn:aws:iam::\(context.accountID):policy\(prefix)")
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
        let page = try Page.of(selected, marker: input.Marker, maxItems: input.MaxItems)
        return ListPoliciesResponse(
            Policies: page.items.map { IAMShapes.Policy($0) }, IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func deletePolicy(_ input: DeletePolicyRequest, context: RequestContext) throws(IAMError) {
        let policy = try existingPolicy(context, input.PolicyArn, missing: IAMError.noSuchPolicy)
        try authorize(context, "iam:DeletePolicy", resource: policy.arn)
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

    func createPolicyVersion(_ input: CreatePolicyVersionRequest, context: RequestContext) throws(IAMError)
        -> CreatePolicyVersionResponse
    {
        let policy = try existingPolicy(context, input.PolicyArn, missing: IAMError.noSuchPolicy)
        let setAsDefault = input.SetAsDefault ?? false
        guard let document = input.PolicyDocument else {
            throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null")
        }
        _ = try PolicyValidator.validate(document, as: .identity)
        try PolicyValidator.checkManagedSize(document)
        try authorize(context, "iam:CreatePolicyVersion", resource: policy.arn)
        guard !policy.isAWSManaged else { throw .unmodifiable("Cannot modify an AWS managed policy: \(policy.arn).") }
        let date = now
        let id = try run {
            try store.write { tables in
                if try tables.versions(policyARN: policy.arn).count >= 5 { throw IAMError.policyVersionQuota }
                return try tables.addVersion(
                    policyARN: policy.arn, document: document, at: date, setAsDefault: setAsDefault)
            }
        }
        let version = PolicyVersion(
            policyARN: policy.arn, versionID: id, document: document, createdAt: date, isDefault: setAsDefault)
        return CreatePolicyVersionResponse(PolicyVersion: IAMShapes.PolicyVersion(version, withDocument: false))
    }

    func getPolicyVersion(_ input: GetPolicyVersionRequest, context: RequestContext) throws(IAMError)
        -> GetPolicyVersionResponse
    {
        let version = try policyVersion(context, arn: input.PolicyArn, versionID: input.VersionId)
        return GetPolicyVersionResponse(PolicyVersion: IAMShapes.PolicyVersion(version))
    }

    /// The version, once the caller may `iam:GetPolicyVersion` it.
    private func policyVersion(_ context: RequestContext, arn: String?, versionID: String?)
        throws(IAMError) -> PolicyVersion
    {
        let policy = try existingPolicy(context, arn, missing: IAMError.noSuchPolicy)
        guard let versionID else { throw IAMError.constraint(nil, member: "versionId", "Member must not be null") }
        try authorize(
            context, "iam:GetPolicyVersion", resource: policy.arn, shown: "policy \(policy.arn)")
        guard let version = try versions(of: policy).first(where: { $0.versionID == versionID }) else {
            throw .noSuchPolicyVersion(arn: policy.arn, version: versionID)
        }
        return version
    }

    func listPolicyVersions(_ input: ListPolicyVersionsRequest, context: RequestContext) throws(IAMError)
        -> ListPolicyVersionsResponse
    {
        let policy = try existingPolicy(context, input.PolicyArn, missing: IAMError.noSuchPolicy)
        try authorize(
            context, "iam:ListPolicyVersions", resource: policy.arn, shown: "policy \(policy.arn)")
        let page = try Page.of(try versions(of: policy), marker: input.Marker, maxItems: input.MaxItems)
        return ListPolicyVersionsResponse(
            Versions: page.items.map { IAMShapes.PolicyVersion($0, withDocument: false) },
            IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func deletePolicyVersion(_ input: DeletePolicyVersionRequest, context: RequestContext) throws(IAMError) {
        let version = try policyVersion(context, arn: input.PolicyArn, versionID: input.VersionId)
        try authorize(context, "iam:DeletePolicyVersion", resource: version.policyARN)
        guard !AWSManagedPolicies.isAWSManaged(version.policyARN) else {
            throw .unmodifiable("Cannot modify an AWS managed policy: \(version.policyARN).")
        }
        guard !version.isDefault else { throw .deleteConflict("Cannot delete the default version of a policy.") }
        try run { try store.write { try $0.deleteVersion(policyARN: version.policyARN, versionID: version.versionID) } }
    }

    func setDefaultPolicyVersion(_ input: SetDefaultPolicyVersionRequest, context: RequestContext)
        throws(IAMError)
    {
        let version = try policyVersion(context, arn: input.PolicyArn, versionID: input.VersionId)
        try authorize(context, "iam:SetDefaultPolicyVersion", resource: version.policyARN)
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

    /// Users and roles the policy is attached to, in the caller's account.
    func listEntitiesForPolicy(_ input: ListEntitiesForPolicyRequest, context: RequestContext) throws(IAMError)
        -> ListEntitiesForPolicyResponse
    {
        let filter = input.EntityFilter
        if let filter, !["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"].contains(filter) {
            throw IAMError.constraint(
                filter, member: "entityFilter",
                "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]")
        }
        let policy = try existingPolicy(context, input.PolicyArn, missing: IAMError.noSuchPolicy)
        try authorize(
            context, "iam:ListEntitiesForPolicy", resource: policy.arn, shown: "policy \(policy.arn)")
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
        return ListEntitiesForPolicyResponse(
            PolicyGroups: [], PolicyUsers: users.map { IAMShapes.PolicyUser(UserName: $0.name, UserId: $0.userID) },
            PolicyRoles: roles.map { IAMShapes.PolicyRole(RoleName: $0.name, RoleId: $0.roleID) }, IsTruncated: false)
    }

    // MARK: Shared

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
