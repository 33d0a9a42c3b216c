import AWSCore
import Foundation
import Testing

@testable import IAM

@Suite("IAM roles")
struct RoleTests {
    @Test("CreateRole answers the role with its trust policy URL-encoded, and GetRole finds it without regard to case")
    func createAndGet() throws {
        let world = try IAMWorld()
        let created = world.iam(
            "CreateRole",
            [
                "RoleName": "Web", "Path": "/app/", "AssumeRolePolicyDocument": IAMWorld.ec2Trust,
                "Description": "web tier",
                "Tags.member.1.Key": "team", "Tags.member.1.Value": "web",
            ])
        #expect(created.status == 200)
        #expect(created.value("Arn") == "arn:aws:iam::000000000000:role/app/Web")
        #expect(created.value("RoleId")?.hasPrefix("AROA") == true)
        #expect(created.value("AssumeRolePolicyDocument") == IAMShapes.encodeDocument(IAMWorld.ec2Trust))
        #expect(created.value("AssumeRolePolicyDocument")?.hasPrefix("%7B%22Version%22%3A%222012-10-17%22") == true)
        #expect(created.values("Key") == ["team"])
        let fetched = world.iam("GetRole", ["RoleName": "web"])
        #expect(fetched.value("RoleName") == "Web")
        #expect(fetched.value("Description") == "web tier")
        #expect(fetched.value("MaxSessionDuration") == "3600")
    }

    @Test("a second role with the same name in another case is EntityAlreadyExists 409")
    func duplicate() throws {
        let world = try IAMWorld()
        world.role("web")
        let reply = world.iam("CreateRole", ["RoleName": "WEB", "AssumeRolePolicyDocument": IAMWorld.ec2Trust])
        #expect(reply.status == 409)
        #expect(reply.code == "EntityAlreadyExists")
        #expect(reply.message == "Role with name WEB already exists.")
    }

    @Test("an unknown role is NoSuchEntity 404")
    func missing() throws {
        let world = try IAMWorld()
        let reply = world.iam("GetRole", ["RoleName": "ghost"])
        #expect(reply.status == 404)
        #expect(reply.code == "NoSuchEntity")
        #expect(reply.message == "The role with name ghost cannot be found.")
        #expect(reply.body.contains("<Type>Sender</Type>"))
    }

    @Test("trust policies are checked: invalid JSON, a Resource, a missing Principal")
    func malformedTrust() throws {
        let world = try IAMWorld()
        for (document, message) in [
            ("{not json", "This policy contains invalid Json"),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
                "Has prohibited field Resource"
            ),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
                "Missing required field Principal"
            ),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"sts:AssumeRole"}]}"#,
                "Syntax errors in policy."
            ),
            (
                #"{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#,
                "The policy failed legacy parsing"
            ),
        ] {
            let reply = world.iam("CreateRole", ["RoleName": "r", "AssumeRolePolicyDocument": document])
            #expect(reply.status == 400)
            #expect(reply.code == "MalformedPolicyDocument")
            #expect(reply.message == message)
        }
    }

    @Test("a role name outside [\\w+=,.@-]+ is a ValidationError")
    func badName() throws {
        let world = try IAMWorld()
        let reply = world.iam("CreateRole", ["RoleName": "my role", "AssumeRolePolicyDocument": IAMWorld.ec2Trust])
        #expect(reply.status == 400)
        #expect(reply.code == "ValidationError")
        #expect(
            reply.message
                == "1 validation error detected: Value 'my role' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
        )
    }

    @Test("DeleteRole refuses while policies or instance profiles hold it, then deletes")
    func deleteConflicts() throws {
        let world = try IAMWorld()
        world.role(
            "web", managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            inline: [
                "x":
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
            ])
        _ = world.iam("CreateInstanceProfile", ["InstanceProfileName": "web"])
        _ = world.iam("AddRoleToInstanceProfile", ["InstanceProfileName": "web", "RoleName": "web"])
        var reply = world.iam("DeleteRole", ["RoleName": "web"])
        #expect(reply.status == 409)
        #expect(reply.code == "DeleteConflict")
        #expect(reply.message == "Cannot delete entity, must remove roles from instance profile first.")
        #expect(
            world.iam("DeleteInstanceProfile", ["InstanceProfileName": "web"]).message
                == "Cannot delete entity, must remove roles from instance profile first.")
        #expect(
            world.iam("RemoveRoleFromInstanceProfile", ["InstanceProfileName": "web", "RoleName": "web"]).status == 200)
        reply = world.iam("DeleteRole", ["RoleName": "web"])
        #expect(reply.message == "Cannot delete entity, must detach all policies first.")
        #expect(
            world.iam("DetachRolePolicy", ["RoleName": "web", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"])
                .status == 200)
        reply = world.iam("DeleteRole", ["RoleName": "web"])
        #expect(reply.message == "Cannot delete entity, must delete policies first.")
        #expect(world.iam("DeleteRolePolicy", ["RoleName": "web", "PolicyName": "x"]).status == 200)
        #expect(world.iam("DeleteRole", ["RoleName": "web"]).status == 200)
        #expect(world.iam("GetRole", ["RoleName": "web"]).status == 404)
    }

    @Test("TagRole replaces same keys, UntagRole removes, ListRoleTags lists")
    func tags() throws {
        let world = try IAMWorld()
        world.role("web")
        #expect(
            world.iam(
                "TagRole",
                [
                    "RoleName": "web", "Tags.member.1.Key": "team", "Tags.member.1.Value": "a",
                    "Tags.member.2.Key": "env", "Tags.member.2.Value": "dev",
                ]
            ).status == 200)
        #expect(
            world.iam("TagRole", ["RoleName": "web", "Tags.member.1.Key": "team", "Tags.member.1.Value": "b"]).status
                == 200)
        #expect(world.iam("UntagRole", ["RoleName": "web", "TagKeys.member.1": "env"]).status == 200)
        let listed = world.iam("ListRoleTags", ["RoleName": "web"])
        #expect(listed.values("Key") == ["team"])
        #expect(listed.values("Value") == ["b"])
    }

    @Test("ListRoles pages with Marker and MaxItems and filters by PathPrefix")
    func listing() throws {
        let world = try IAMWorld()
        for name in ["a", "b", "c"] { world.role(name) }
        _ = world.iam(
            "CreateRole", ["RoleName": "svc", "Path": "/service-role/", "AssumeRolePolicyDocument": IAMWorld.ec2Trust])
        let first = world.iam("ListRoles", ["MaxItems": "2"])
        #expect(first.values("RoleName") == ["a", "b"])
        #expect(first.value("IsTruncated") == "true")
        let second = world.iam("ListRoles", ["MaxItems": "2", "Marker": try #require(first.value("Marker"))])
        #expect(second.values("RoleName") == ["c", "svc"])
        #expect(second.value("IsTruncated") == "false")
        #expect(world.iam("ListRoles", ["PathPrefix": "/service-role/"]).values("RoleName") == ["svc"])
    }
}

@Suite("IAM instance profiles")
struct InstanceProfileTests {
    @Test("an instance profile holds one role; a second is LimitExceeded 409")
    func oneRole() throws {
        let world = try IAMWorld()
        world.role("a")
        world.role("b")
        #expect(
            world.iam("CreateInstanceProfile", ["InstanceProfileName": "p"]).value("Arn")
                == "arn:aws:iam::000000000000:instance-profile/p")
        #expect(world.iam("AddRoleToInstanceProfile", ["InstanceProfileName": "p", "RoleName": "a"]).status == 200)
        let reply = world.iam("AddRoleToInstanceProfile", ["InstanceProfileName": "p", "RoleName": "b"])
        #expect(reply.status == 409)
        #expect(reply.code == "LimitExceeded")
        #expect(reply.message == "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
        let fetched = world.iam("GetInstanceProfile", ["InstanceProfileName": "p"])
        #expect(fetched.values("RoleName") == ["a"])
        #expect(world.iam("ListInstanceProfilesForRole", ["RoleName": "a"]).values("InstanceProfileName") == ["p"])
        #expect(world.iam("ListInstanceProfiles").values("InstanceProfileName") == ["p"])
    }

    @Test("unknown profiles and duplicates answer IAM's messages")
    func errors() throws {
        let world = try IAMWorld()
        #expect(
            world.iam("GetInstanceProfile", ["InstanceProfileName": "nope"]).message
                == "Instance Profile nope cannot be found.")
        _ = world.iam("CreateInstanceProfile", ["InstanceProfileName": "p"])
        let again = world.iam("CreateInstanceProfile", ["InstanceProfileName": "p"])
        #expect(again.status == 409)
        #expect(again.message == "Instance Profile p already exists.")
    }
}

@Suite("IAM managed policies")
struct ManagedPolicyAPITests {
    static let readS3 =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#

    @Test("CreatePolicy, versions up to five, default version, GetPolicyVersion URL-encoded")
    func versions() throws {
        let world = try IAMWorld()
        let created = world.iam("CreatePolicy", ["PolicyName": "read", "PolicyDocument": Self.readS3])
        let arn = try #require(created.value("Arn"))
        #expect(arn == "arn:aws:iam::000000000000:policy/read")
        #expect(created.value("DefaultVersionId") == "v1")
        for number in 2...5 {
            let reply = world.iam(
                "CreatePolicyVersion",
                ["PolicyArn": arn, "PolicyDocument": Self.readS3, "SetAsDefault": number == 3 ? "true" : "false"])
            #expect(reply.value("VersionId") == "v\(number)")
        }
        let sixth = world.iam("CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": Self.readS3])
        #expect(sixth.status == 409)
        #expect(sixth.code == "LimitExceeded")
        #expect(
            sixth.message
                == "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version."
        )
        #expect(world.iam("GetPolicy", ["PolicyArn": arn]).value("DefaultVersionId") == "v3")
        let version = world.iam("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v3"])
        #expect(version.value("Document") == IAMShapes.encodeDocument(Self.readS3))
        #expect(version.value("IsDefaultVersion") == "true")
        let missing = world.iam("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v9"])
        #expect(missing.message == "Policy \(arn) version v9 does not exist or is not attachable.")
        let deleteDefault = world.iam("DeletePolicyVersion", ["PolicyArn": arn, "VersionId": "v3"])
        #expect(deleteDefault.code == "DeleteConflict")
        #expect(deleteDefault.message == "Cannot delete the default version of a policy.")
        #expect(world.iam("ListPolicyVersions", ["PolicyArn": arn]).values("VersionId").count == 5)
        let withVersions = world.iam("DeletePolicy", ["PolicyArn": arn])
        #expect(withVersions.code == "DeleteConflict")
        for id in ["v1", "v2", "v4", "v5"] {
            #expect(world.iam("DeletePolicyVersion", ["PolicyArn": arn, "VersionId": id]).status == 200)
        }
        #expect(world.iam("DeletePolicy", ["PolicyArn": arn]).status == 200)
        #expect(world.iam("GetPolicy", ["PolicyArn": arn]).message == "Policy \(arn) was not found.")
    }

    @Test("attaching counts, a policy attached to entities cannot be deleted, a missing one is not attachable")
    func attachments() throws {
        let world = try IAMWorld()
        world.role("web")
        let arn = try #require(
            world.iam("CreatePolicy", ["PolicyName": "read", "PolicyDocument": Self.readS3]).value("Arn"))
        #expect(world.iam("AttachRolePolicy", ["RoleName": "web", "PolicyArn": arn]).status == 200)
        #expect(world.iam("GetPolicy", ["PolicyArn": arn]).value("AttachmentCount") == "1")
        #expect(world.iam("ListAttachedRolePolicies", ["RoleName": "web"]).values("PolicyName") == ["read"])
        #expect(world.iam("ListEntitiesForPolicy", ["PolicyArn": arn]).values("RoleName") == ["web"])
        let conflict = world.iam("DeletePolicy", ["PolicyArn": arn])
        #expect(conflict.status == 409)
        #expect(conflict.message == "Cannot delete a policy attached to entities.")
        let ghost = world.iam(
            "AttachRolePolicy", ["RoleName": "web", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy"])
        #expect(ghost.status == 404)
        #expect(ghost.message == "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.")
        let notAttached = world.iam(
            "DetachRolePolicy", ["RoleName": "web", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(notAttached.message == "Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found.")
    }

    @Test("identity policies may not name a principal and need actions, resources and vendors")
    func malformedIdentityPolicies() throws {
        let world = try IAMWorld()
        for (document, message) in [
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
                "Policy document should not specify a principal."
            ),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                "Policy statement must contain actions."
            ),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#,
                "Policy statement must contain resources."
            ),
            (
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}"#,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
            ),
            (#"{"Version":"2012-10-17","Statement":[]}"#, "Syntax errors in policy."),
        ] {
            let reply = world.iam("CreatePolicy", ["PolicyName": "p", "PolicyDocument": document])
            #expect(reply.code == "MalformedPolicyDocument")
            #expect(reply.message == message)
        }
    }

    @Test("AWS managed policies are listed with Scope=AWS and readable by version")
    func awsManaged() throws {
        let world = try IAMWorld()
        let listed = world.iam("ListPolicies", ["Scope": "AWS", "MaxItems": "1000"])
        #expect(listed.values("PolicyName").contains("AmazonEC2ContainerRegistryReadOnly"))
        let arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
        #expect(world.iam("GetPolicy", ["PolicyArn": arn]).value("DefaultVersionId") == "v3")
        let version = world.iam("GetPolicyVersion", ["PolicyArn": arn, "VersionId": "v3"])
        let document = try #require(version.value("Document")?.removingPercentEncoding)
        #expect(document.contains("ecr:GetAuthorizationToken"))
        #expect(world.iam("ListPolicies", ["Scope": "Local"]).values("PolicyName").isEmpty)
    }
}

@Suite("IAM users and access keys")
struct UserTests {
    @Test("two access keys per user; a third is LimitExceeded; DeleteUser needs the keys gone")
    func keys() throws {
        let world = try IAMWorld()
        let user = world.user("alice")
        #expect(user.arn == "arn:aws:iam::000000000000:user/alice")
        #expect(user.accessKeyID.hasPrefix("AKIA"))
        let second = world.iam("CreateAccessKey", ["UserName": "alice"])
        #expect(second.value("SecretAccessKey")?.count == 40)
        let third = world.iam("CreateAccessKey", ["UserName": "alice"])
        #expect(third.status == 409)
        #expect(third.message == "Cannot exceed quota for AccessKeysPerUser: 2")
        #expect(world.iam("ListAccessKeys", ["UserName": "alice"]).values("AccessKeyId").count == 2)
        #expect(
            world.iam("DeleteUser", ["UserName": "alice"]).message
                == "Cannot delete entity, must delete access keys first.")
        #expect(
            world.iam("UpdateAccessKey", ["UserName": "alice", "AccessKeyId": user.accessKeyID, "Status": "Inactive"])
                .status == 200)
        #expect(world.credentials.credential(forAccessKey: user.accessKeyID) == nil)
        for id in world.iam("ListAccessKeys", ["UserName": "alice"]).values("AccessKeyId") {
            #expect(world.iam("DeleteAccessKey", ["UserName": "alice", "AccessKeyId": id]).status == 200)
        }
        #expect(world.iam("DeleteUser", ["UserName": "alice"]).status == 200)
        #expect(world.iam("GetUser", ["UserName": "alice"]).message == "The user with name alice cannot be found.")
    }

    @Test("GetUser without a name answers the calling user; a role session must name one")
    func callerUser() throws {
        let world = try IAMWorld(enforceIAM: false)
        let alice = world.user("alice")
        #expect(world.iam("GetUser", as: alice).value("UserName") == "alice")
        let root = world.iam("GetUser")
        #expect(root.value("Arn") == "arn:aws:iam::000000000000:root")
        world.role("web")
        let session = world.instanceSession(profile: "web", role: "web")
        let reply = world.iam("GetUser", as: session)
        #expect(reply.code == "ValidationError")
        #expect(reply.message == "Must specify userName when calling with non-User credentials")
    }
}

@Suite("IAM enforcement of its own API")
struct IAMEnforcementTests {
    static let readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"

    @Test("ListRoles: allowed with ReadOnlyAccess, denied without it with IAM's message, denied by an explicit Deny")
    func listRoles() throws {
        let world = try IAMWorld()
        let reader = world.user("reader", managed: [Self.readOnly])
        #expect(world.iam("ListRoles", as: reader).status == 200)
        let nobody = world.user("nobody")
        let denied = world.iam("ListRoles", as: nobody)
        #expect(denied.status == 403)
        #expect(denied.code == "AccessDenied")
        #expect(
            denied.message
                == "User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::000000000000:role/ because no identity-based policy allows the iam:ListRoles action"
        )
        let blocked = world.user(
            "blocked", managed: [Self.readOnly],
            inline: [
                "no-roles":
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ListRoles","Resource":"*"}]}"#
            ])
        let explicit = world.iam("ListRoles", as: blocked)
        #expect(
            explicit.message
                == "User: arn:aws:iam::000000000000:user/blocked is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::000000000000:role/ with an explicit deny in an identity-based policy"
        )
    }

    @Test("GetRole names the resource as IAM does: role NAME")
    func getRoleMessage() throws {
        let world = try IAMWorld()
        world.role("web")
        let nobody = world.user("nobody")
        #expect(
            world.iam("GetRole", ["RoleName": "web"], as: nobody).message
                == "User: arn:aws:iam::000000000000:user/nobody is not authorized to perform: iam:GetRole on resource: role web because no identity-based policy allows the iam:GetRole action"
        )
    }

    @Test("the decision for a request is explained by request id")
    func explained() throws {
        let world = try IAMWorld()
        let nobody = world.user("nobody")
        let reply = world.iam("ListUsers", as: nobody)
        #expect(reply.status == 403)
        let answer = world.path("GET", "/_ebauth/decisions?requestId=\(reply.requestID)")
        #expect(answer.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        let decisions = try #require(object["decisions"] as? [[String: Any]])
        #expect(decisions.count == 1)
        #expect(decisions[0]["decision"] as? String == "Deny")
        #expect(decisions[0]["action"] as? String == "iam:ListUsers")
        #expect(decisions[0]["reason"] as? String == "noIdentityPolicyAllows")
        #expect(decisions[0]["explanation"] as? String == "no identity-based or resource-based policy allows")
        #expect(world.path("GET", "/_ebauth/decisions?requestId=nope").status == 404)
    }

    @Test("without --enforce-iam every caller may act")
    func open() throws {
        let world = try IAMWorld(enforceIAM: false)
        let nobody = world.user("nobody")
        #expect(world.iam("ListRoles", as: nobody).status == 200)
    }
}
