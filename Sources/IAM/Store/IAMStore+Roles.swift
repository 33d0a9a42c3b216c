import Foundation
import Storage

extension IAMTables {
    func role(account: String, name: String) throws -> IAMRole? {
        try connection.queryOne(
            "SELECT * FROM iam_role WHERE account_id = ? AND name = ?", [.text(account), .text(name)]
        )
        .map(Self.role)
    }

    /// A role's ARN and tags, all authorization needs of it on each request of its sessions.
    func roleARNAndTags(account: String, name: String) throws -> (arn: String, tags: [IAMTag])? {
        try connection.queryOne(
            "SELECT arn, tags FROM iam_role WHERE account_id = ? AND name = ?", [.text(account), .text(name)]
        ).map { (try $0.string("arn"), Self.decodeTags(try $0.string("tags"))) }
    }

    func roles(account: String) throws -> [IAMRole] {
        try connection.query("SELECT * FROM iam_role WHERE account_id = ? ORDER BY name", [.text(account)]).map(
            Self.role)
    }

    func insert(_ role: IAMRole) throws {
        try connection.run(
            """
            INSERT INTO iam_role (role_id, account_id, name, path, arn, trust_policy, description,
                max_session_duration, created_at, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(role.roleID), .text(role.accountID), .text(role.name), .text(role.path), .text(role.arn),
                .text(role.trustPolicy), .optional(role.description), .int(role.maxSessionDuration),
                .real(role.createdAt.timeIntervalSince1970), .text(Self.encodeTags(role.tags)),
            ])
    }

    func update(_ role: IAMRole) throws {
        try connection.run(
            """
            UPDATE iam_role SET trust_policy = ?, description = ?, max_session_duration = ?, tags = ?
            WHERE role_id = ?
            """,
            [
                .text(role.trustPolicy), .optional(role.description), .int(role.maxSessionDuration),
                .text(Self.encodeTags(role.tags)), .text(role.roleID),
            ])
    }

    func deleteRole(account: String, name: String) throws {
        try connection.run("DELETE FROM iam_role WHERE account_id = ? AND name = ?", [.text(account), .text(name)])
    }

    static func role(_ row: Row) throws -> IAMRole {
        IAMRole(
            roleID: try row.string("role_id"), accountID: try row.string("account_id"), name: try row.string("name"),
            path: try row.string("path"), arn: try row.string("arn"), trustPolicy: try row.string("trust_policy"),
            description: try row.optionalString("description"),
            maxSessionDuration: try row.int("max_session_duration"), createdAt: date(try row.double("created_at")),
            tags: decodeTags(try row.string("tags")))
    }

    // MARK: Instance profiles

    func instanceProfile(account: String, name: String) throws -> InstanceProfile? {
        try connection.queryOne(
            "SELECT * FROM iam_instance_profile WHERE account_id = ? AND name = ?", [.text(account), .text(name)]
        ).map(Self.instanceProfile)
    }

    func instanceProfiles(account: String) throws -> [InstanceProfile] {
        try connection.query("SELECT * FROM iam_instance_profile WHERE account_id = ? ORDER BY name", [.text(account)])
            .map(Self.instanceProfile)
    }

    func instanceProfiles(account: String, role: String) throws -> [InstanceProfile] {
        try connection.query(
            "SELECT * FROM iam_instance_profile WHERE account_id = ? AND role_name = ? ORDER BY name",
            [.text(account), .text(role)]
        ).map(Self.instanceProfile)
    }

    func insert(_ profile: InstanceProfile) throws {
        try connection.run(
            """
            INSERT INTO iam_instance_profile (instance_profile_id, account_id, name, path, arn, role_name, created_at, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(profile.instanceProfileID), .text(profile.accountID), .text(profile.name), .text(profile.path),
                .text(profile.arn), .optional(profile.roleName), .real(profile.createdAt.timeIntervalSince1970),
                .text(Self.encodeTags(profile.tags)),
            ])
    }

    func setInstanceProfileRole(account: String, name: String, role: String?) throws {
        try connection.run(
            "UPDATE iam_instance_profile SET role_name = ? WHERE account_id = ? AND name = ?",
            [.optional(role), .text(account), .text(name)])
    }

    func deleteInstanceProfile(account: String, name: String) throws {
        try connection.run(
            "DELETE FROM iam_instance_profile WHERE account_id = ? AND name = ?", [.text(account), .text(name)])
    }

    static func instanceProfile(_ row: Row) throws -> InstanceProfile {
        InstanceProfile(
            instanceProfileID: try row.string("instance_profile_id"), accountID: try row.string("account_id"),
            name: try row.string("name"), path: try row.string("path"), arn: try row.string("arn"),
            roleName: try row.optionalString("role_name"), createdAt: date(try row.double("created_at")),
            tags: decodeTags(try row.string("tags")))
    }
}
