import Foundation
import Storage

extension IAMTables {
    /// A customer managed policy (AWS managed ones live in `AWSManagedPolicies`).
    func customerPolicy(arn: String) throws -> ManagedPolicy? {
        try connection.queryOne("SELECT * FROM iam_policy WHERE arn = ?", [.text(arn)]).map(policy)
    }

    func customerPolicy(account: String, name: String) throws -> ManagedPolicy? {
        try connection.queryOne(
            "SELECT * FROM iam_policy WHERE account_id = ? AND name = ?", [.text(account), .text(name)]
        )
        .map(policy)
    }

    func customerPolicies(account: String) throws -> [ManagedPolicy] {
        try connection.query("SELECT * FROM iam_policy WHERE account_id = ? ORDER BY name", [.text(account)]).map(
            policy)
    }

    func insertPolicy(_ policy: ManagedPolicy, account: String, firstDocument: String) throws {
        let now = policy.createdAt.timeIntervalSince1970
        try connection.run(
            """
            INSERT INTO iam_policy (policy_id, account_id, name, path, arn, description, default_version, next_version,
                created_at, updated_at, tags)
            VALUES (?, ?, ?, ?, ?, ?, 'v1', 2, ?, ?, ?)
            """,
            [
                .text(policy.policyID), .text(account), .text(policy.name), .text(policy.path), .text(policy.arn),
                .optional(policy.description), .real(now), .real(now), .text(Self.encodeTags(policy.tags)),
            ])
        try connection.run(
            "INSERT INTO iam_policy_version (policy_arn, version_id, document, created_at) VALUES (?, 'v1', ?, ?)",
            [.text(policy.arn), .text(firstDocument), .real(now)])
    }

    /// Adds a version and returns its id (`v2`, `v3`, … never reused, as in IAM).
    func addVersion(policyARN: String, document: String, at date: Date, setAsDefault: Bool) throws -> String {
        guard let row = try connection.queryOne("SELECT next_version FROM iam_policy WHERE arn = ?", [.text(policyARN)])
        else { return "" }
        let number = try row.int("next_version")
        let id = "v\(number)"
        try connection.run(
            "INSERT INTO iam_policy_version (policy_arn, version_id, document, created_at) VALUES (?, ?, ?, ?)",
            [.text(policyARN), .text(id), .text(document), .real(date.timeIntervalSince1970)])
        try connection.run(
            "UPDATE iam_policy SET next_version = ?, updated_at = ? WHERE arn = ?",
            [.int(number + 1), .real(date.timeIntervalSince1970), .text(policyARN)])
        if setAsDefault { try setDefaultVersion(policyARN: policyARN, versionID: id, at: date) }
        return id
    }

    func setDefaultVersion(policyARN: String, versionID: String, at date: Date) throws {
        try connection.run(
            "UPDATE iam_policy SET default_version = ?, updated_at = ? WHERE arn = ?",
            [.text(versionID), .real(date.timeIntervalSince1970), .text(policyARN)])
    }

    func versions(policyARN: String) throws -> [PolicyVersion] {
        let defaultVersion = try connection.queryOne(
            "SELECT default_version FROM iam_policy WHERE arn = ?", [.text(policyARN)])?.string("default_version")
        return try connection.query(
            "SELECT * FROM iam_policy_version WHERE policy_arn = ? ORDER BY created_at DESC, version_id DESC",
            [.text(policyARN)]
        ).map { row in
            let id = try row.string("version_id")
            return PolicyVersion(
                policyARN: policyARN, versionID: id, document: try row.string("document"),
                createdAt: Self.date(try row.double("created_at")), isDefault: id == defaultVersion)
        }
    }

    func deleteVersion(policyARN: String, versionID: String) throws {
        try connection.run(
            "DELETE FROM iam_policy_version WHERE policy_arn = ? AND version_id = ?",
            [.text(policyARN), .text(versionID)])
    }

    func deletePolicy(arn: String) throws {
        try connection.run("DELETE FROM iam_policy_version WHERE policy_arn = ?", [.text(arn)])
        try connection.run("DELETE FROM iam_policy WHERE arn = ?", [.text(arn)])
    }

    private func policy(_ row: Row) throws -> ManagedPolicy {
        let arn = try row.string("arn")
        return ManagedPolicy(
            policyID: try row.string("policy_id"), name: try row.string("name"), path: try row.string("path"), arn: arn,
            description: try row.optionalString("description"), defaultVersion: try row.string("default_version"),
            createdAt: Self.date(try row.double("created_at")), updatedAt: Self.date(try row.double("updated_at")),
            tags: Self.decodeTags(try row.string("tags")), attachmentCount: try attachmentCount(policyARN: arn),
            isAWSManaged: false)
    }

    // MARK: Attachments

    func attachmentCount(policyARN: String, account: String? = nil) throws -> Int {
        if let account {
            return try connection.queryOne(
                "SELECT COUNT(*) AS n FROM iam_attachment WHERE policy_arn = ? AND account_id = ?",
                [.text(policyARN), .text(account)])?.int("n") ?? 0
        }
        return try connection.queryOne(
            "SELECT COUNT(*) AS n FROM iam_attachment WHERE policy_arn = ?", [.text(policyARN)])?
            .int("n") ?? 0
    }

    func attachedPolicies(account: String, type: PrincipalType, name: String) throws -> [String] {
        try connection.query(
            """
            SELECT policy_arn FROM iam_attachment WHERE account_id = ? AND principal_type = ? AND principal_name = ?
            ORDER BY attached_at, policy_arn
            """,
            [.text(account), .text(type.rawValue), .text(name)]
        ).map { try $0.string("policy_arn") }
    }

    /// Every policy attached to a user or role, in attachment order, with the default version of
    /// the customer managed ones (nil for AWS managed ARNs and for policies that no longer exist):
    /// one query, as authorization asks this on every request of a user or role.
    func attachedPolicyDocuments(account: String, type: PrincipalType, name: String) throws -> [(
        arn: String, defaultVersion: (versionID: String, document: String)?
    )] {
        try connection.query(
            """
            SELECT a.policy_arn, p.default_version, v.document FROM iam_attachment a
            LEFT JOIN iam_policy p ON p.arn = a.policy_arn
            LEFT JOIN iam_policy_version v ON v.policy_arn = p.arn AND v.version_id = p.default_version
            WHERE a.account_id = ? AND a.principal_type = ? AND a.principal_name = ?
            ORDER BY a.attached_at, a.policy_arn
            """,
            [.text(account), .text(type.rawValue), .text(name)]
        ).map { row in
            let arn = try row.string("policy_arn")
            guard let version = try row.optionalString("default_version"),
                let document = try row.optionalString("document")
            else { return (arn, nil) }
            return (arn, (version, document))
        }
    }

    /// `(type, name)` of every user and role in `account` the policy is attached to.
    func entities(policyARN: String, account: String) throws -> [(PrincipalType, String)] {
        try connection.query(
            "SELECT principal_type, principal_name FROM iam_attachment WHERE policy_arn = ? AND account_id = ? ORDER BY principal_name",
            [.text(policyARN), .text(account)]
        ).compactMap { row in
            let name = try row.string("principal_name")
            return PrincipalType(rawValue: try row.string("principal_type")).map { ($0, name) }
        }
    }

    func attach(account: String, type: PrincipalType, name: String, policyARN: String, at date: Date) throws {
        try connection.run(
            """
            INSERT OR IGNORE INTO iam_attachment (account_id, principal_type, principal_name, policy_arn, attached_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            [.text(account), .text(type.rawValue), .text(name), .text(policyARN), .real(date.timeIntervalSince1970)])
    }

    /// Returns whether the policy was attached.
    func detach(account: String, type: PrincipalType, name: String, policyARN: String) throws -> Bool {
        try connection.run(
            "DELETE FROM iam_attachment WHERE account_id = ? AND principal_type = ? AND principal_name = ? AND policy_arn = ?",
            [.text(account), .text(type.rawValue), .text(name), .text(policyARN)])
        return connection.changes > 0
    }

    // MARK: Inline policies

    func inlinePolicy(account: String, type: PrincipalType, principal: String, name: String) throws -> (String, String)?
    {
        try connection.queryOne(
            """
            SELECT policy_name, document FROM iam_inline_policy
            WHERE account_id = ? AND principal_type = ? AND principal_name = ? AND policy_name = ?
            """,
            [.text(account), .text(type.rawValue), .text(principal), .text(name)]
        ).map { (try $0.string("policy_name"), try $0.string("document")) }
    }

    /// `(name, document)` of every inline policy of a user or role, by name.
    func inlinePolicies(account: String, type: PrincipalType, principal: String) throws -> [(String, String)] {
        try connection.query(
            """
            SELECT policy_name, document FROM iam_inline_policy
            WHERE account_id = ? AND principal_type = ? AND principal_name = ? ORDER BY policy_name
            """,
            [.text(account), .text(type.rawValue), .text(principal)]
        ).map { (try $0.string("policy_name"), try $0.string("document")) }
    }

    func putInlinePolicy(account: String, type: PrincipalType, principal: String, name: String, document: String) throws
    {
        try connection.run(
            """
            INSERT INTO iam_inline_policy (account_id, principal_type, principal_name, policy_name, document)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account_id, principal_type, principal_name, policy_name) DO UPDATE SET document = excluded.document
            """,
            [.text(account), .text(type.rawValue), .text(principal), .text(name), .text(document)])
    }

    /// Returns whether a policy was deleted.
    func deleteInlinePolicy(account: String, type: PrincipalType, principal: String, name: String) throws -> Bool {
        try connection.run(
            """
            DELETE FROM iam_inline_policy
            WHERE account_id = ? AND principal_type = ? AND principal_name = ? AND policy_name = ?
            """,
            [.text(account), .text(type.rawValue), .text(principal), .text(name)])
        return connection.changes > 0
    }
}
