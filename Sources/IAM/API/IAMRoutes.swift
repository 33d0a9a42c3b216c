import AWSCore

/// The only table of IAM operation names: each reads its parameters, calls the backend and
/// shapes the result. Operations not listed here answer 501 NotImplemented.
extension IAMBackend {
    func routes() -> QueryService {
        var service = QueryService(ServiceCatalog.iam)
        func on(
            _ action: String, _ body: @escaping @Sendable (QueryInput, RequestContext, String?) throws -> [XMLTree]?
        ) {
            service.on(action) { request in
                try body(QueryInput(request), request.context, QueryInput.sourceIP(request))
            }
        }

        // Users and access keys
        on("CreateUser") { input, context, ip in
            let user = try createUser(
                context, name: input["UserName"], path: input["Path"], tags: input.tags(), sourceIP: ip)
            return [.node("User", IAMShapes.user(user))]
        }
        on("GetUser") { input, context, ip in
            guard let user = try getUser(context, name: input["UserName"], sourceIP: ip) else {
                // The root user has no name or path.
                return [
                    .node(
                        "User",
                        [
                            .leaf("UserId", context.caller.accountID), .leaf("Arn", context.caller.arn),
                            .leaf("CreateDate", IAMShapes.date(.init(timeIntervalSince1970: 0))),
                        ])
                ]
            }
            return [.node("User", IAMShapes.user(user))]
        }
        on("ListUsers") { input, context, ip in
            let page = try listUsers(
                context, pathPrefix: input["PathPrefix"], marker: input["Marker"], maxItems: try input.int("MaxItems"),
                sourceIP: ip)
            return IAMShapes.page("Users", page) { IAMShapes.user($0, withTags: false) }
        }
        on("DeleteUser") { input, context, ip in
            try deleteUser(context, name: input["UserName"], sourceIP: ip)
            return nil
        }
        on("TagUser") { input, context, ip in
            try tagUser(context, name: input["UserName"], add: input.tags(), remove: [], sourceIP: ip)
            return nil
        }
        on("UntagUser") { input, context, ip in
            try tagUser(context, name: input["UserName"], add: [], remove: input.list("TagKeys"), sourceIP: ip)
            return nil
        }
        on("ListUserTags") { input, context, ip in
            let tags = try listTags(context, of: .user, name: input["UserName"], sourceIP: ip)
            return [
                .node("Tags", tags.map { .node("member", [.leaf("Key", $0.Key), .leaf("Value", $0.Value)]) }),
                .leaf("IsTruncated", "false"),
            ]
        }
        on("CreateAccessKey") { input, context, ip in
            let key = try createAccessKey(context, userName: input["UserName"], sourceIP: ip)
            return [
                .node(
                    "AccessKey",
                    [
                        .leaf("UserName", key.userName), .leaf("AccessKeyId", key.accessKeyID),
                        .leaf("Status", key.status),
                        .leaf("SecretAccessKey", key.secretAccessKey),
                        .leaf("CreateDate", IAMShapes.date(key.createdAt)),
                    ])
            ]
        }
        on("ListAccessKeys") { input, context, ip in
            let (user, keys) = try listAccessKeys(context, userName: input["UserName"], sourceIP: ip)
            return [
                .leaf("UserName", user.name),
                .node("AccessKeyMetadata", keys.map { .node("member", IAMShapes.accessKeyMetadata($0)) }),
                .leaf("IsTruncated", "false"),
            ]
        }
        on("UpdateAccessKey") { input, context, ip in
            try updateAccessKey(
                context, userName: input["UserName"], accessKeyID: input["AccessKeyId"], status: input["Status"],
                sourceIP: ip)
            return nil
        }
        on("DeleteAccessKey") { input, context, ip in
            try deleteAccessKey(context, userName: input["UserName"], accessKeyID: input["AccessKeyId"], sourceIP: ip)
            return nil
        }

        // Roles
        on("CreateRole") { input, context, ip in
            if input["PermissionsBoundary"] != nil {
                throw IAMError.notSupported("ebauth does not support permissions boundaries (PermissionsBoundary).")
            }
            let role = try createRole(
                context, name: input["RoleName"], path: input["Path"], trustPolicy: input["AssumeRolePolicyDocument"],
                description: input["Description"], maxSessionDuration: try input.int("MaxSessionDuration"),
                tags: input.tags(), sourceIP: ip)
            return [.node("Role", IAMShapes.role(role))]
        }
        on("GetRole") { input, context, ip in
            let role = try getRole(context, name: input["RoleName"], sourceIP: ip)
            return [.node("Role", IAMShapes.role(role) + [.node("RoleLastUsed", [])])]
        }
        on("ListRoles") { input, context, ip in
            let page = try listRoles(
                context, pathPrefix: input["PathPrefix"], marker: input["Marker"], maxItems: try input.int("MaxItems"),
                sourceIP: ip)
            return IAMShapes.page("Roles", page) { IAMShapes.role($0, withTags: false) }
        }
        on("UpdateRole") { input, context, ip in
            try updateRole(
                context, name: input["RoleName"], description: input["Description"],
                maxSessionDuration: try input.int("MaxSessionDuration"), sourceIP: ip)
            return []
        }
        on("UpdateAssumeRolePolicy") { input, context, ip in
            try updateAssumeRolePolicy(
                context, name: input["RoleName"], document: input["PolicyDocument"], sourceIP: ip)
            return nil
        }
        on("DeleteRole") { input, context, ip in
            try deleteRole(context, name: input["RoleName"], sourceIP: ip)
            return nil
        }
        on("TagRole") { input, context, ip in
            try tagRole(context, name: input["RoleName"], add: input.tags(), remove: [], sourceIP: ip)
            return nil
        }
        on("UntagRole") { input, context, ip in
            try tagRole(context, name: input["RoleName"], add: [], remove: input.list("TagKeys"), sourceIP: ip)
            return nil
        }
        on("ListRoleTags") { input, context, ip in
            let tags = try listTags(context, of: .role, name: input["RoleName"], sourceIP: ip)
            return [
                .node("Tags", tags.map { .node("member", [.leaf("Key", $0.Key), .leaf("Value", $0.Value)]) }),
                .leaf("IsTruncated", "false"),
            ]
        }

        // Instance profiles
        on("CreateInstanceProfile") { input, context, ip in
            let profile = try createInstanceProfile(
                context, name: input["InstanceProfileName"], path: input["Path"], tags: input.tags(), sourceIP: ip)
            return [.node("InstanceProfile", IAMShapes.instanceProfile(profile, roles: []))]
        }
        on("GetInstanceProfile") { input, context, ip in
            let (profile, roles) = try getInstanceProfile(context, name: input["InstanceProfileName"], sourceIP: ip)
            return [.node("InstanceProfile", IAMShapes.instanceProfile(profile, roles: roles))]
        }
        on("ListInstanceProfiles") { input, context, ip in
            let page = try listInstanceProfiles(
                context, pathPrefix: input["PathPrefix"], marker: input["Marker"], maxItems: try input.int("MaxItems"),
                sourceIP: ip)
            return IAMShapes.page("InstanceProfiles", page) { IAMShapes.instanceProfile($0.0, roles: $0.1) }
        }
        on("ListInstanceProfilesForRole") { input, context, ip in
            let page = try listInstanceProfilesForRole(
                context, roleName: input["RoleName"], marker: input["Marker"], maxItems: try input.int("MaxItems"),
                sourceIP: ip)
            return IAMShapes.page("InstanceProfiles", page) { IAMShapes.instanceProfile($0.0, roles: $0.1) }
        }
        on("AddRoleToInstanceProfile") { input, context, ip in
            try addRoleToInstanceProfile(
                context, profileName: input["InstanceProfileName"], roleName: input["RoleName"], sourceIP: ip)
            return nil
        }
        on("RemoveRoleFromInstanceProfile") { input, context, ip in
            try removeRoleFromInstanceProfile(
                context, profileName: input["InstanceProfileName"], roleName: input["RoleName"], sourceIP: ip)
            return nil
        }
        on("DeleteInstanceProfile") { input, context, ip in
            try deleteInstanceProfile(context, name: input["InstanceProfileName"], sourceIP: ip)
            return nil
        }

        // Managed policies
        on("CreatePolicy") { input, context, ip in
            let policy = try createPolicy(
                context, name: input["PolicyName"], path: input["Path"], document: input["PolicyDocument"],
                description: input["Description"], tags: input.tags(), sourceIP: ip)
            return [.node("Policy", IAMShapes.policy(policy))]
        }
        on("GetPolicy") { input, context, ip in
            let policy = try getPolicy(context, arn: input["PolicyArn"], sourceIP: ip)
            return [.node("Policy", IAMShapes.policy(policy, withDescription: true))]
        }
        on("ListPolicies") { input, context, ip in
            if input["PolicyUsageFilter"] != nil {
                throw IAMError.notSupported("ebauth does not support PolicyUsageFilter in ListPolicies.")
            }
            let page = try listPolicies(
                context, scope: input["Scope"], onlyAttached: input.bool("OnlyAttached"),
                pathPrefix: input["PathPrefix"],
                marker: input["Marker"], maxItems: try input.int("MaxItems"), sourceIP: ip)
            return IAMShapes.page("Policies", page) { IAMShapes.policy($0) }
        }
        on("DeletePolicy") { input, context, ip in
            try deletePolicy(context, arn: input["PolicyArn"], sourceIP: ip)
            return nil
        }
        on("CreatePolicyVersion") { input, context, ip in
            let version = try createPolicyVersion(
                context, arn: input["PolicyArn"], document: input["PolicyDocument"],
                setAsDefault: input.bool("SetAsDefault"), sourceIP: ip)
            return [.node("PolicyVersion", IAMShapes.policyVersion(version, withDocument: false))]
        }
        on("GetPolicyVersion") { input, context, ip in
            let version = try getPolicyVersion(
                context, arn: input["PolicyArn"], versionID: input["VersionId"], sourceIP: ip)
            return [.node("PolicyVersion", IAMShapes.policyVersion(version))]
        }
        on("ListPolicyVersions") { input, context, ip in
            let page = try listPolicyVersions(
                context, arn: input["PolicyArn"], marker: input["Marker"], maxItems: try input.int("MaxItems"),
                sourceIP: ip)
            return IAMShapes.page("Versions", page) { IAMShapes.policyVersion($0, withDocument: false) }
        }
        on("DeletePolicyVersion") { input, context, ip in
            try deletePolicyVersion(context, arn: input["PolicyArn"], versionID: input["VersionId"], sourceIP: ip)
            return nil
        }
        on("SetDefaultPolicyVersion") { input, context, ip in
            try setDefaultPolicyVersion(context, arn: input["PolicyArn"], versionID: input["VersionId"], sourceIP: ip)
            return nil
        }
        on("ListEntitiesForPolicy") { input, context, ip in
            let filter = input["EntityFilter"]
            if let filter, !["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"].contains(filter) {
                throw IAMError.constraint(
                    filter, member: "entityFilter",
                    "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]")
            }
            let (users, roles) = try listEntitiesForPolicy(
                context, arn: input["PolicyArn"], filter: filter, sourceIP: ip)
            return [
                .node("PolicyGroups", []),
                .node(
                    "PolicyUsers",
                    users.map { .node("member", [.leaf("UserName", $0.name), .leaf("UserId", $0.userID)]) }),
                .node(
                    "PolicyRoles",
                    roles.map { .node("member", [.leaf("RoleName", $0.name), .leaf("RoleId", $0.roleID)]) }),
                .leaf("IsTruncated", "false"),
            ]
        }

        // Attachments and inline policies, the same for roles and users
        for (type, noun, nameParameter) in [(PrincipalType.role, "Role", "RoleName"), (.user, "User", "UserName")] {
            on("Attach\(noun)Policy") { input, context, ip in
                try attachPolicy(context, to: type, name: input[nameParameter], arn: input["PolicyArn"], sourceIP: ip)
                return nil
            }
            on("Detach\(noun)Policy") { input, context, ip in
                try detachPolicy(context, from: type, name: input[nameParameter], arn: input["PolicyArn"], sourceIP: ip)
                return nil
            }
            on("ListAttached\(noun)Policies") { input, context, ip in
                let page = try listAttachedPolicies(
                    context, of: type, name: input[nameParameter], pathPrefix: input["PathPrefix"],
                    marker: input["Marker"],
                    maxItems: try input.int("MaxItems"), sourceIP: ip)
                return IAMShapes.page("AttachedPolicies", page) {
                    [.leaf("PolicyName", $0.0), .leaf("PolicyArn", $0.1)]
                }
            }
            on("Put\(noun)Policy") { input, context, ip in
                try putInlinePolicy(
                    context, on: type, name: input[nameParameter], policyName: input["PolicyName"],
                    document: input["PolicyDocument"], sourceIP: ip)
                return nil
            }
            on("Get\(noun)Policy") { input, context, ip in
                let policy = try getInlinePolicy(
                    context, on: type, name: input[nameParameter], policyName: input["PolicyName"], sourceIP: ip)
                return [
                    .leaf(nameParameter, policy.principal), .leaf("PolicyName", policy.name),
                    .leaf("PolicyDocument", IAMShapes.encodeDocument(policy.document)),
                ]
            }
            on("List\(noun)Policies") { input, context, ip in
                let page = try listInlinePolicies(
                    context, on: type, name: input[nameParameter], marker: input["Marker"],
                    maxItems: try input.int("MaxItems"), sourceIP: ip)
                return IAMShapes.page("PolicyNames", page) { [.text($0)] }
            }
            on("Delete\(noun)Policy") { input, context, ip in
                try deleteInlinePolicy(
                    context, on: type, name: input[nameParameter], policyName: input["PolicyName"], sourceIP: ip)
                return nil
            }
        }
        return service
    }
}
