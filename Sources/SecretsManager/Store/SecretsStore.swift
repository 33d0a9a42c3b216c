import Foundation
import Storage

/// All of Secrets Manager's SQL. Rows come back as `Stored…` values; no AWS rules live here.
struct SecretsStore: Sendable {
    let database: Database

    func read<T>(_ body: (SecretsTransaction) throws -> T) throws -> T {
        try database.read { try body(SecretsTransaction(connection: $0)) }
    }

    func write<T>(_ body: (SecretsTransaction) throws -> T) throws -> T {
        try database.write { try body(SecretsTransaction(connection: $0)) }
    }
}

/// The statements of one transaction.
struct SecretsTransaction {
    let connection: Connection

    // MARK: Secrets

    static let secretColumns = """
        id, account_id, region, name, arn, description, kms_key_id, created_date, last_changed_date, \
        last_accessed_date, deleted_date
        """

    func secret(_ scope: SecretsScope, name: String) throws -> StoredSecret? {
        try connection.queryOne(
            "SELECT \(Self.secretColumns) FROM secretsmanager_secret WHERE account_id = ? AND region = ? AND name = ?",
            [.text(scope.accountID), .text(scope.region), .text(name)]
        ).map(Self.secret)
    }

    func secret(arn: String) throws -> StoredSecret? {
        try connection.queryOne("SELECT \(Self.secretColumns) FROM secretsmanager_secret WHERE arn = ?", [.text(arn)])
            .map(Self.secret)
    }

    /// Secrets of the scope in creation order, after row `afterID`, at most `limit`.
    func secrets(_ scope: SecretsScope, afterID: Int64, limit: Int, descending: Bool) throws -> [StoredSecret] {
        let order = descending ? "DESC" : "ASC"
        let comparison = descending ? "<" : ">"
        return try connection.query(
            "SELECT \(Self.secretColumns) FROM secretsmanager_secret WHERE account_id = ? AND region = ? AND id \(comparison) ? ORDER BY id \(order) LIMIT ?",
            [.text(scope.accountID), .text(scope.region), .integer(afterID), .int(limit)]
        ).map(Self.secret)
    }

    func insertSecret(_ secret: StoredSecret) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO secretsmanager_secret (account_id, region, name, arn, description, kms_key_id, created_date, last_changed_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(secret.scope.accountID), .text(secret.scope.region), .text(secret.name), .text(secret.arn),
                .optional(secret.description), .optional(secret.kmsKeyID),
                .real(secret.createdDate.timeIntervalSince1970),
                .real(secret.lastChangedDate.timeIntervalSince1970),
            ])
        return connection.lastInsertRowID
    }

    func touch(secretID: Int64, changed: Date? = nil, accessed: Date? = nil) throws {
        if let changed {
            try connection.run(
                "UPDATE secretsmanager_secret SET last_changed_date = ? WHERE id = ?",
                [.real(changed.timeIntervalSince1970), .integer(secretID)])
        }
        if let accessed {
            try connection.run(
                "UPDATE secretsmanager_secret SET last_accessed_date = ? WHERE id = ?",
                [.real(accessed.timeIntervalSince1970), .integer(secretID)])
        }
    }

    func setDeletedDate(secretID: Int64, _ date: Date?) throws {
        try connection.run(
            "UPDATE secretsmanager_secret SET deleted_date = ? WHERE id = ?",
            [date.map { .real($0.timeIntervalSince1970) } ?? .null, .integer(secretID)])
    }

    /// Removes the secret with its versions, stages and tags.
    func deleteSecret(secretID: Int64) throws {
        try connection.run("DELETE FROM secretsmanager_secret WHERE id = ?", [.integer(secretID)])
    }

    // MARK: Versions and stages

    func version(secretID: Int64, versionID: String) throws -> StoredVersion? {
        try connection.queryOne(
            "SELECT version_id, ciphertext, is_binary, created_date FROM secretsmanager_version WHERE secret_id = ? AND version_id = ?",
            [.integer(secretID), .text(versionID)]
        ).map(Self.version)
    }

    func insertVersion(secretID: Int64, _ version: StoredVersion) throws {
        try connection.run(
            "INSERT INTO secretsmanager_version (secret_id, version_id, ciphertext, is_binary, created_date) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(secretID), .text(version.versionID), .blob(version.ciphertext), .bool(version.isBinary),
                .real(version.createdDate.timeIntervalSince1970),
            ])
    }

    /// Stage → version id.
    func stages(secretID: Int64) throws -> [String: String] {
        var stages: [String: String] = [:]
        for row in try connection.query(
            "SELECT stage, version_id FROM secretsmanager_stage WHERE secret_id = ?", [.integer(secretID)])
        {
            stages[try row.string("stage")] = try row.string("version_id")
        }
        return stages
    }

    /// Every version id, with or without stages.
    func versionIDs(secretID: Int64) throws -> [String] {
        try connection.query(
            "SELECT version_id FROM secretsmanager_version WHERE secret_id = ? ORDER BY created_date, version_id",
            [.integer(secretID)]
        ).map { try $0.string("version_id") }
    }

    func setStage(secretID: Int64, stage: String, versionID: String) throws {
        try connection.run(
            "INSERT INTO secretsmanager_stage (secret_id, stage, version_id) VALUES (?, ?, ?) ON CONFLICT (secret_id, stage) DO UPDATE SET version_id = excluded.version_id",
            [.integer(secretID), .text(stage), .text(versionID)])
    }

    func removeStage(secretID: Int64, stage: String) throws {
        try connection.run(
            "DELETE FROM secretsmanager_stage WHERE secret_id = ? AND stage = ?", [.integer(secretID), .text(stage)])
    }

    // MARK: Tags

    func tags(secretID: Int64) throws -> [Tag] {
        try connection.query(
            "SELECT key, value FROM secretsmanager_tag WHERE secret_id = ? ORDER BY position", [.integer(secretID)]
        ).map { Tag(Key: try $0.string("key"), Value: try $0.string("value")) }
    }

    /// Adds or overwrites tags; a new key goes last.
    func putTags(secretID: Int64, _ tags: [(key: String, value: String)]) throws {
        for tag in tags {
            try connection.run(
                """
                INSERT INTO secretsmanager_tag (secret_id, key, value, position)
                VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM secretsmanager_tag WHERE secret_id = ?))
                ON CONFLICT (secret_id, key) DO UPDATE SET value = excluded.value
                """,
                [.integer(secretID), .text(tag.key), .text(tag.value), .integer(secretID)])
        }
    }

    func removeTags(secretID: Int64, keys: [String]) throws {
        for key in keys {
            try connection.run(
                "DELETE FROM secretsmanager_tag WHERE secret_id = ? AND key = ?", [.integer(secretID), .text(key)])
        }
    }

    // MARK: Rows

    static func secret(_ row: Row) throws -> StoredSecret {
        StoredSecret(
            id: try row.int64("id"),
            scope: SecretsScope(accountID: try row.string("account_id"), region: try row.string("region")),
            name: try row.string("name"), arn: try row.string("arn"),
            description: try row.optionalString("description"),
            kmsKeyID: try row.optionalString("kms_key_id"),
            createdDate: Date(timeIntervalSince1970: try row.double("created_date")),
            lastChangedDate: Date(timeIntervalSince1970: try row.double("last_changed_date")),
            lastAccessedDate: try row.optionalDouble("last_accessed_date").map(Date.init(timeIntervalSince1970:)),
            deletedDate: try row.optionalDouble("deleted_date").map(Date.init(timeIntervalSince1970:)))
    }

    static func version(_ row: Row) throws -> StoredVersion {
        StoredVersion(
            versionID: try row.string("version_id"), ciphertext: try row.bytes("ciphertext"),
            isBinary: try row.bool("is_binary"),
            createdDate: Date(timeIntervalSince1970: try row.double("created_date")))
    }
}

extension SecretsTransaction {
    /// Secrets whose recovery window has ended are gone for good.
    func purgeExpired(now: Date) throws {
        try connection.run(
            "DELETE FROM secretsmanager_secret WHERE deleted_date IS NOT NULL AND deleted_date <= ?",
            [.real(now.timeIntervalSince1970)])
    }
}
