import AWSCore

/// The policies of roles and users: attached managed policies and inline ones. Each operation
/// exists once per principal type, with its own shapes; the work is shared.
extension IAMBackend {
    func attachRolePolicy(_ input: AttachRolePolicyRequest, context: RequestContext) throws(IAMError) {
        try attachPolicy(context, to: .role, name: input.RoleName, arn: input.PolicyArn)
    }

    func detachRolePolicy(_ input: DetachRolePolicyRequest, context: RequestContext) throws(IAMError) {
        try detachPolicy(context, from: .role, name: input.RoleName, arn: input.PolicyArn)
    }

    func listAttachedRolePolicies(_ input: ListAttachedRolePoliciesRequest, context: RequestContext)
        throws(IAMError) -> ListAttachedRolePoliciesResponse
    {
        let page = try listAttachedPolicies(
            context, of: .role, name: input.RoleName, pathPrefix: input.PathPrefix, marker: input.Marker,
            maxItems: input.MaxItems)
        return ListAttachedRolePoliciesResponse(
            AttachedPolicies: page.items, IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func putRolePolicy(_ input: PutRolePolicyRequest, context: RequestContext) throws(IAMError) {
        try putInlinePolicy(
            context, on: .role, name: input.RoleName, policyName: input.PolicyName, document: input.PolicyDocument)
    }

    func getRolePolicy(_ input: GetRolePolicyRequest, context: RequestContext) throws(IAMError)
        -> GetRolePolicyResponse
    {
        let policy = try getInlinePolicy(context, on: .role, name: input.RoleName, policyName: input.PolicyName)
        return GetRolePolicyResponse(
            RoleName: policy.principal, PolicyName: policy.name,
            PolicyDocument: IAMShapes.encodeDocument(policy.document))
    }

    func listRolePolicies(_ input: ListRolePoliciesRequest, context: RequestContext) throws(IAMError)
        -> ListRolePoliciesResponse
    {
        let page = try listInlinePolicies(
            context, on: .role, name: input.RoleName, marker: input.Marker, maxItems: input.MaxItems)
        return ListRolePoliciesResponse(PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func deleteRolePolicy(_ input: DeleteRolePolicyRequest, context: RequestContext) throws(IAMError) {
        try deleteInlinePolicy(context, on: .role, name: input.RoleName, policyName: input.PolicyName)
    }

    func attachUserPolicy(_ input: AttachUserPolicyRequest, context: RequestContext) throws(IAMError) {
        try attachPolicy(context, to: .user, name: input.UserName, arn: input.PolicyArn)
    }

    func detachUserPolicy(_ input: DetachUserPolicyRequest, context: RequestContext) throws(IAMError) {
        try detachPolicy(context, from: .user, name: input.UserName, arn: input.PolicyArn)
    }

    func listAttachedUserPolicies(_ input: ListAttachedUserPoliciesRequest, context: RequestContext)
        throws(IAMError) -> ListAttachedUserPoliciesResponse
    {
        let page = try listAttachedPolicies(
            context, of: .user, name: input.UserName, pathPrefix: input.PathPrefix, marker: input.Marker,
            maxItems: input.MaxItems)
        return ListAttachedUserPoliciesResponse(
            AttachedPolicies: page.items, IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func putUserPolicy(_ input: PutUserPolicyRequest, context: RequestContext) throws(IAMError) {
        try putInlinePolicy(
            context, on: .user, name: input.UserName, policyName: input.PolicyName, document: input.PolicyDocument)
    }

    func getUserPolicy(_ input: GetUserPolicyRequest, context: RequestContext) throws(IAMError)
        -> GetUserPolicyResponse
    {
        let policy = try getInlinePolicy(context, on: .user, name: input.UserName, policyName: input.PolicyName)
        return GetUserPolicyResponse(
            UserName: policy.principal, PolicyName: policy.name,
            PolicyDocument: IAMShapes.encodeDocument(policy.document))
    }

    func listUserPolicies(_ input: ListUserPoliciesRequest, context: RequestContext) throws(IAMError)
        -> ListUserPoliciesResponse
    {
        let page = try listInlinePolicies(
            context, on: .user, name: input.UserName, marker: input.Marker, maxItems: input.MaxItems)
        return ListUserPoliciesResponse(PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker)
    }

    func deleteUserPolicy(_ input: DeleteUserPolicyRequest, context: RequestContext) throws(IAMError) {
        try deleteInlinePolicy(context, on: .user, name: input.UserName, policyName: input.PolicyName)
    }

    // MARK: Attachments, shared by roles and users

    private func attachPolicy(
        _ context: RequestContext, to type: PrincipalType, name rawName: String?, arn: String?
    )
        throws(IAMError)
    {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policy = try existingPolicy(context, arn, missing: IAMError.policyNotAttachable)
        let action = type == .role ? "iam:AttachRolePolicy" : "iam:AttachUserPolicy"
        try authorize(
            context, action, resource: principalARN, keys: ["iam:PolicyARN": [policy.arn]])
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

    private func detachPolicy(
        _ context: RequestContext, from type: PrincipalType, name rawName: String?, arn: String?
    )
        throws(IAMError)
    {
        let (principalName, principalARN) = try principal(context, type, rawName)
        guard let arn else { throw IAMError.constraint(nil, member: "policyArn", "Member must not be null") }
        let action = type == .role ? "iam:DetachRolePolicy" : "iam:DetachUserPolicy"
        try authorize(context, action, resource: principalARN, keys: ["iam:PolicyARN": [arn]])
        let removed = try run {
            try store.write {
                try $0.detach(account: context.accountID, type: type, name: principalName, policyARN: arn)
            }
        }
        if !removed { throw .noSuchPolicy(arn: arn) }
    }

    /// The attached managed policies, optionally under a path.
    private func listAttachedPolicies(
        _ context: RequestContext, of type: PrincipalType, name rawName: String?, pathPrefix: String?, marker: String?,
        maxItems: Int?
    ) throws(IAMError) -> Page<IAMShapes.AttachedPolicy> {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let action = type == .role ? "iam:ListAttachedRolePolicies" : "iam:ListAttachedUserPolicies"
        try authorize(
            context, action, resource: principalARN, shown: "\(type.rawValue) \(principalName)")
        let prefix = pathPrefix ?? "/"
        let arns = try run {
            try store.read { try $0.attachedPolicies(account: context.accountID, type: type, name: principalName) }
        }
        let attached = arns.compactMap { arn -> IAMShapes.AttachedPolicy? in
            guard let parsed = IAMARN.parse(arn), parsed.path.hasPrefix(prefix) else { return nil }
            return IAMShapes.AttachedPolicy(PolicyName: parsed.name, PolicyArn: arn)
        }
        return try Page.of(attached, marker: marker, maxItems: maxItems)
    }

    // MARK: Inline policies, shared by roles and users

    private func putInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?,
        document: String?
    ) throws(IAMError) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        guard let document else { throw IAMError.constraint(nil, member: "policyDocument", "Member must not be null") }
        _ = try PolicyValidator.validate(document, as: .identity)
        try authorize(
            context, type == .role ? "iam:PutRolePolicy" : "iam:PutUserPolicy", resource: principalARN)
        try run {
            try store.write {
                try $0.putInlinePolicy(
                    account: context.accountID, type: type, principal: principalName, name: policyName,
                    document: document)
            }
        }
    }

    private func getInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?
    ) throws(IAMError) -> (principal: String, name: String, document: String) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        try authorize(
            context, type == .role ? "iam:GetRolePolicy" : "iam:GetUserPolicy", resource: principalARN,
            shown: "\(type.rawValue) \(principalName)")
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

    private func listInlinePolicies(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, marker: String?, maxItems: Int?
    ) throws(IAMError) -> Page<String> {
        let (principalName, principalARN) = try principal(context, type, rawName)
        try authorize(
            context, type == .role ? "iam:ListRolePolicies" : "iam:ListUserPolicies", resource: principalARN,
            shown: "\(type.rawValue) \(principalName)")
        let names = try run {
            try store.read { try $0.inlinePolicies(account: context.accountID, type: type, principal: principalName) }
        }.map(\.0)
        return try Page.of(names, marker: marker, maxItems: maxItems)
    }

    private func deleteInlinePolicy(
        _ context: RequestContext, on type: PrincipalType, name rawName: String?, policyName rawPolicy: String?
    ) throws(IAMError) {
        let (principalName, principalARN) = try principal(context, type, rawName)
        let policyName = try IAMNames.name(rawPolicy, member: "policyName", maxLength: 128)
        try authorize(
            context, type == .role ? "iam:DeleteRolePolicy" : "iam:DeleteUserPolicy", resource: principalARN)
        let deleted = try run {
            try store.write {
                try $0.deleteInlinePolicy(
                    account: context.accountID, type: type, principal: principalName, name: policyName)
            }
        }
        if !deleted { throw type == .role ? .noSuchRolePolicy(policyName) : .noSuchUserPolicy(policyName) }
    }

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
}
