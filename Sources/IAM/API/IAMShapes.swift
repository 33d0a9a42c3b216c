import AWSCore
import Foundation

/// IAM's response elements, named as in the IAM API reference. Policy documents are
/// URL-encoded in responses, as IAM returns them (botocore decodes them).
enum IAMShapes {
    static func date(_ value: Date) -> String { IAMDate.iso8601(value) }

    /// RFC 3986 percent-encoding of everything but unreserved characters.
    static func encodeDocument(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func tags(_ tags: [IAMTag]) -> [XMLTree] {
        tags.isEmpty
            ? [] : [.node("Tags", tags.map { .node("member", [.leaf("Key", $0.Key), .leaf("Value", $0.Value)]) })]
    }

    static func user(_ user: IAMUser, withTags: Bool = true) -> [XMLTree] {
        [
            .leaf("Path", user.path), .leaf("UserName", user.name), .leaf("UserId", user.userID),
            .leaf("Arn", user.arn),
            .leaf("CreateDate", date(user.createdAt)),
        ] + (withTags ? tags(user.tags) : [])
    }

    static func role(_ role: IAMRole, withTags: Bool = true) -> [XMLTree] {
        var fields: [XMLTree] = [
            .leaf("Path", role.path), .leaf("RoleName", role.name), .leaf("RoleId", role.roleID),
            .leaf("Arn", role.arn),
            .leaf("CreateDate", date(role.createdAt)),
            .leaf("AssumeRolePolicyDocument", encodeDocument(role.trustPolicy)),
        ]
        if let description = role.description { fields.append(.leaf("Description", description)) }
        fields.append(.leaf("MaxSessionDuration", String(role.maxSessionDuration)))
        return fields + (withTags ? tags(role.tags) : [])
    }

    static func instanceProfile(_ profile: InstanceProfile, roles: [IAMRole]) -> [XMLTree] {
        [
            .leaf("Path", profile.path), .leaf("InstanceProfileName", profile.name),
            .leaf("InstanceProfileId", profile.instanceProfileID), .leaf("Arn", profile.arn),
            .leaf("CreateDate", date(profile.createdAt)),
            .node("Roles", roles.map { .node("member", role($0, withTags: false)) }),
        ] + tags(profile.tags)
    }

    static func policy(_ policy: ManagedPolicy, withDescription: Bool = false) -> [XMLTree] {
        var fields: [XMLTree] = [
            .leaf("PolicyName", policy.name), .leaf("PolicyId", policy.policyID), .leaf("Arn", policy.arn),
            .leaf("Path", policy.path), .leaf("DefaultVersionId", policy.defaultVersion),
            .leaf("AttachmentCount", String(policy.attachmentCount)), .leaf("PermissionsBoundaryUsageCount", "0"),
            .leaf("IsAttachable", "true"),
        ]
        if withDescription, let description = policy.description { fields.append(.leaf("Description", description)) }
        fields += [.leaf("CreateDate", date(policy.createdAt)), .leaf("UpdateDate", date(policy.updatedAt))]
        return fields + tags(policy.tags)
    }

    static func policyVersion(_ version: PolicyVersion, withDocument: Bool = true) -> [XMLTree] {
        (withDocument ? [.leaf("Document", encodeDocument(version.document))] : []) + [
            .leaf("VersionId", version.versionID), .leaf("IsDefaultVersion", version.isDefault ? "true" : "false"),
            .leaf("CreateDate", date(version.createdAt)),
        ]
    }

    static func accessKeyMetadata(_ key: AccessKey) -> [XMLTree] {
        [
            .leaf("UserName", key.userName), .leaf("AccessKeyId", key.accessKeyID), .leaf("Status", key.status),
            .leaf("CreateDate", date(key.createdAt)),
        ]
    }

    /// `<Name><member>…</member></Name><IsTruncated/>[<Marker/>]` for List operations.
    static func page<Item>(_ name: String, _ page: Page<Item>, _ member: (Item) -> [XMLTree]) -> [XMLTree] {
        var result: [XMLTree] = [
            .node(name, page.items.map { .node("member", member($0)) }),
            .leaf("IsTruncated", page.isTruncated ? "true" : "false"),
        ]
        if let marker = page.marker { result.append(.leaf("Marker", marker)) }
        return result
    }
}
