import Foundation
import Storage

extension IAMTables {
    func session(accessKeyID: String) throws -> RoleSession? {
        try connection.queryOne("SELECT * FROM iam_session WHERE access_key_id = ?", [.text(accessKeyID)]).map(
            Self.session)
    }

    /// When the session of `accessKeyID` was issued (`aws:TokenIssueTime`).
    func sessionIssueTime(accessKeyID: String) throws -> Date? {
        try connection.queryOne("SELECT created_at FROM iam_session WHERE access_key_id = ?", [.text(accessKeyID)])
            .map { Self.date(try $0.double("created_at")) }
    }

    /// The newest session the metadata service issued to `instance` for `role`.
    func latestInstanceSession(instanceID: String, role: String) throws -> RoleSession? {
        try connection.queryOne(
            "SELECT * FROM iam_session WHERE instance_id = ? AND role_name = ? ORDER BY created_at DESC LIMIT 1",
            [.text(instanceID), .text(role)]
        ).map(Self.session)
    }

    func insert(_ session: RoleSession) throws {
        try connection.run(
            """
            INSERT INTO iam_session (access_key_id, secret_access_key, session_token, account_id, role_id, role_name,
                session_name, created_at, expires_at, instance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(session.accessKeyID), .text(session.secretAccessKey), .text(session.sessionToken),
                .text(session.accountID), .text(session.roleID), .text(session.roleName), .text(session.sessionName),
                .real(session.createdAt.timeIntervalSince1970), .real(session.expiresAt.timeIntervalSince1970),
                .optional(session.instanceID),
            ])
    }

    /// Forgets sessions that expired before `cutoff`; later ones stay so that using them
    /// answers ExpiredToken rather than an unknown key.
    func deleteSessions(expiredBefore cutoff: Date) throws {
        try connection.run("DELETE FROM iam_session WHERE expires_at < ?", [.real(cutoff.timeIntervalSince1970)])
    }

    static func session(_ row: Row) throws -> RoleSession {
        RoleSession(
            accessKeyID: try row.string("access_key_id"), secretAccessKey: try row.string("secret_access_key"),
            sessionToken: try row.string("session_token"), accountID: try row.string("account_id"),
            roleID: try row.string("role_id"), roleName: try row.string("role_name"),
            sessionName: try row.string("session_name"), createdAt: date(try row.double("created_at")),
            expiresAt: date(try row.double("expires_at")), instanceID: try row.optionalString("instance_id"))
    }

    // MARK: Instances

    func instance(_ id: String) throws -> EC2Instance? {
        try connection.queryOne("SELECT * FROM iam_instance WHERE instance_id = ?", [.text(id)]).map(Self.instance)
    }

    /// The instance `/latest/` represents: the one registered last.
    func defaultInstance() throws -> EC2Instance? {
        try connection.queryOne("SELECT * FROM iam_instance ORDER BY registered_seq DESC LIMIT 1").map(Self.instance)
    }

    func instances() throws -> [EC2Instance] {
        try connection.query("SELECT * FROM iam_instance ORDER BY registered_seq DESC").map(Self.instance)
    }

    func register(_ instance: EC2Instance) throws {
        let next =
            try connection.queryOne("SELECT COALESCE(MAX(registered_seq), 0) + 1 AS n FROM iam_instance")?.int("n") ?? 1
        try connection.run(
            """
            INSERT INTO iam_instance (instance_id, account_id, region, availability_zone, instance_profile_arn,
                http_tokens, registered_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (instance_id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region,
                availability_zone = excluded.availability_zone, instance_profile_arn = excluded.instance_profile_arn,
                http_tokens = excluded.http_tokens, registered_seq = excluded.registered_seq
            """,
            [
                .text(instance.instanceID), .text(instance.accountID), .text(instance.region),
                .text(instance.availabilityZone), .optional(instance.instanceProfileARN), .text(instance.httpTokens),
                .int(next),
            ])
    }

    func deleteInstance(_ id: String) throws -> Bool {
        try connection.run("DELETE FROM iam_instance WHERE instance_id = ?", [.text(id)])
        return connection.changes > 0
    }

    static func instance(_ row: Row) throws -> EC2Instance {
        EC2Instance(
            instanceID: try row.string("instance_id"), accountID: try row.string("account_id"),
            region: try row.string("region"), availabilityZone: try row.string("availability_zone"),
            instanceProfileARN: try row.optionalString("instance_profile_arn"),
            httpTokens: try row.string("http_tokens"))
    }
}
