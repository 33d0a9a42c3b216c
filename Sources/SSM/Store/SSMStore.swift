import Foundation
import Storage

/// All of Parameter Store's SQL. Rows come back as `Stored…` values; no AWS rules live here.
///
/// The backend runs a `read` or a `write` and calls the transaction's methods inside it, so each
/// operation sees one consistent snapshot and commits all of its changes or none.
struct SSMStore: Sendable {
    let database: Database

    func read<T>(_ body: (SSMTransaction) throws -> T) throws -> T {
        try database.read { try body(SSMTransaction(connection: $0)) }
    }

    func write<T>(_ body: (SSMTransaction) throws -> T) throws -> T {
        try database.write { try body(SSMTransaction(connection: $0)) }
    }
}

/// The statements of one transaction.
struct SSMTransaction {
    let connection: Connection

    // MARK: Parameters

    static let parameterColumns = "p.id, p.name, p.name_key, p.type, p.tier, p.latest_version"

    func parameter(_ scope: SSMScope, key: String) throws -> StoredParameter? {
        try connection.queryOne(Self.parameterByKeySQL, [.text(scope.accountID), .text(scope.region), .text(key)])
            .map(Self.parameter)
    }

    // Read on every GetParameter: built once, not interpolated per call.
    private static let parameterByKeySQL =
        "SELECT \(parameterColumns) FROM ssm_parameter p WHERE p.account_id = ? AND p.region = ? AND p.name_key = ?"
    private static let versionByNumberSQL =
        "SELECT \(versionColumns) FROM ssm_parameter_version v WHERE v.parameter_id = ? AND v.version = ?"

    /// Parameters with their newest version, ordered by key, after `afterKey`, whose keys fall in
    /// `[lowerKey, upperKey)` when given.
    func summaries(
        _ scope: SSMScope, afterKey: String?, lowerKey: String? = nil, upperKey: String? = nil, limit: Int
    ) throws -> [ParameterSummary] {
        var sql = """
            SELECT \(Self.parameterColumns), \(Self.versionColumns)
            FROM ssm_parameter p JOIN ssm_parameter_version v ON v.parameter_id = p.id AND v.version = p.latest_version
            WHERE p.account_id = ? AND p.region = ?
            """
        var values: [SQLiteValue] = [.text(scope.accountID), .text(scope.region)]
        if let afterKey {
            sql += " AND p.name_key > ?"
            values.append(.text(afterKey))
        }
        if let lowerKey {
            sql += " AND p.name_key >= ?"
            values.append(.text(lowerKey))
        }
        if let upperKey {
            sql += " AND p.name_key < ?"
            values.append(.text(upperKey))
        }
        sql += " ORDER BY p.name_key LIMIT ?"
        values.append(.int(limit))
        return try connection.query(sql, values).map { row in
            ParameterSummary(parameter: try Self.parameter(row), latest: try Self.version(row))
        }
    }

    func countParameters(_ scope: SSMScope, tier: ParameterTier) throws -> Int {
        try connection.queryOne(
            "SELECT count(*) FROM ssm_parameter WHERE account_id = ? AND region = ? AND tier = ?",
            [.text(scope.accountID), .text(scope.region), .text(tier.rawValue)]
        )?.int(0) ?? 0
    }

    func insertParameter(_ scope: SSMScope, name: ParameterName, type: ParameterType, tier: ParameterTier) throws
        -> Int64
    {
        try connection.run(
            "INSERT INTO ssm_parameter (account_id, region, name_key, name, type, tier, latest_version) VALUES (?, ?, ?, ?, ?, ?, 0)",
            [
                .text(scope.accountID), .text(scope.region), .text(name.key), .text(name.display), .text(type.rawValue),
                .text(tier.rawValue),
            ])
        return connection.lastInsertRowID
    }

    func updateParameter(id: Int64, tier: ParameterTier, latestVersion: Int64) throws {
        try connection.run(
            "UPDATE ssm_parameter SET tier = ?, latest_version = ? WHERE id = ?",
            [.text(tier.rawValue), .integer(latestVersion), .integer(id)])
    }

    /// Deletes the parameter with all its versions, labels and tags; false when there was none.
    func deleteParameter(_ scope: SSMScope, key: String) throws -> Bool {
        try connection.run(
            "DELETE FROM ssm_parameter WHERE account_id = ? AND region = ? AND name_key = ?",
            [.text(scope.accountID), .text(scope.region), .text(key)])
        return connection.changes > 0
    }

    // MARK: Versions

    static let versionColumns = """
        v.version, v.type AS version_type, v.value, v.ciphertext, v.key_id, v.description, v.allowed_pattern, \
        v.data_type, v.tier AS version_tier, v.last_modified_date, v.last_modified_user
        """

    func version(parameterID: Int64, _ version: Int64) throws -> StoredVersion? {
        try connection.queryOne(Self.versionByNumberSQL, [.integer(parameterID), .integer(version)]).map(Self.version)
    }

    /// Versions oldest first, after `afterVersion`, at most `limit`.
    func versions(parameterID: Int64, afterVersion: Int64, limit: Int) throws -> [StoredVersion] {
        try connection.query(
            "SELECT \(Self.versionColumns) FROM ssm_parameter_version v WHERE v.parameter_id = ? AND v.version > ? ORDER BY v.version LIMIT ?",
            [.integer(parameterID), .integer(afterVersion), .int(limit)]
        ).map(Self.version)
    }

    /// The number of versions kept and the oldest of them.
    func versionSpan(parameterID: Int64) throws -> (count: Int, oldest: Int64?) {
        let row = try connection.queryOne(
            "SELECT count(*) AS n, min(version) AS oldest FROM ssm_parameter_version WHERE parameter_id = ?",
            [.integer(parameterID)])
        return (try row?.int("n") ?? 0, try row?.optionalInt64("oldest"))
    }

    func insertVersion(parameterID: Int64, _ version: StoredVersion) throws {
        var value: SQLiteValue = .null
        var ciphertext: SQLiteValue = .null
        switch version.content {
        case .plain(let text): value = .text(text)
        case .encrypted(let bytes): ciphertext = .blob(bytes)
        }
        try connection.run(
            """
            INSERT INTO ssm_parameter_version (parameter_id, version, type, value, ciphertext, key_id, description,
                allowed_pattern, data_type, tier, last_modified_date, last_modified_user)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(parameterID), .integer(version.version), .text(version.type.rawValue), value, ciphertext,
                .optional(version.keyID), .optional(version.description), .optional(version.allowedPattern),
                .text(version.dataType), .text(version.tier.rawValue),
                .real(version.lastModifiedDate.timeIntervalSince1970),
                .text(version.lastModifiedUser),
            ])
    }

    func deleteVersion(parameterID: Int64, _ version: Int64) throws {
        try connection.run(
            "DELETE FROM ssm_parameter_version WHERE parameter_id = ? AND version = ?",
            [.integer(parameterID), .integer(version)])
    }

    // MARK: Labels

    /// Labels of one version, in alphabetical order.
    func labels(parameterID: Int64, version: Int64) throws -> [String] {
        try connection.query(
            "SELECT label FROM ssm_parameter_label WHERE parameter_id = ? AND version = ? ORDER BY label",
            [.integer(parameterID), .integer(version)]
        ).map { try $0.string(0) }
    }

    func labelledVersion(parameterID: Int64, label: String) throws -> Int64? {
        try connection.queryOne(
            "SELECT version FROM ssm_parameter_label WHERE parameter_id = ? AND label = ?",
            [.integer(parameterID), .text(label)]
        )?.int64(0)
    }

    /// Attaches `label` to `version`, moving it off any other version.
    func setLabel(parameterID: Int64, label: String, version: Int64) throws {
        try connection.run(
            """
            INSERT INTO ssm_parameter_label (parameter_id, label, version) VALUES (?, ?, ?)
            ON CONFLICT (parameter_id, label) DO UPDATE SET version = excluded.version
            """,
            [.integer(parameterID), .text(label), .integer(version)])
    }

    func removeLabel(parameterID: Int64, label: String, version: Int64) throws -> Bool {
        try connection.run(
            "DELETE FROM ssm_parameter_label WHERE parameter_id = ? AND label = ? AND version = ?",
            [.integer(parameterID), .text(label), .integer(version)])
        return connection.changes > 0
    }

    // MARK: Tags

    /// Tags in key order.
    func tags(parameterID: Int64) throws -> [Tag] {
        try connection.query(
            "SELECT key, value FROM ssm_parameter_tag WHERE parameter_id = ? ORDER BY key", [.integer(parameterID)]
        ).map { Tag(Key: try $0.string("key"), Value: try $0.string("value")) }
    }

    func setTag(parameterID: Int64, _ tag: Tag) throws {
        try connection.run(
            """
            INSERT INTO ssm_parameter_tag (parameter_id, key, value) VALUES (?, ?, ?)
            ON CONFLICT (parameter_id, key) DO UPDATE SET value = excluded.value
            """,
            [.integer(parameterID), .text(tag.Key), .text(tag.Value)])
    }

    func removeTag(parameterID: Int64, key: String) throws {
        try connection.run(
            "DELETE FROM ssm_parameter_tag WHERE parameter_id = ? AND key = ?", [.integer(parameterID), .text(key)])
    }

    // MARK: Rows

    private static func parameter(_ row: Row) throws -> StoredParameter {
        guard let type = ParameterType(rawValue: try row.string("type")),
            let tier = ParameterTier(rawValue: try row.string("tier"))
        else { throw SSMStoreError.corruptRow("ssm_parameter") }
        return StoredParameter(
            id: try row.int64("id"),
            name: ParameterName(stored: try row.string("name"), key: try row.string("name_key")),
            type: type, tier: tier, latestVersion: try row.int64("latest_version"))
    }

    private static func version(_ row: Row) throws -> StoredVersion {
        guard let type = ParameterType(rawValue: try row.string("version_type")),
            let tier = ParameterTier(rawValue: try row.string("version_tier"))
        else { throw SSMStoreError.corruptRow("ssm_parameter_version") }
        let content: StoredVersion.Content
        if let bytes = try row.optionalBytes("ciphertext") {
            content = .encrypted(bytes)
        } else {
            content = .plain(try row.string("value"))
        }
        return StoredVersion(
            version: try row.int64("version"), type: type, content: content, keyID: try row.optionalString("key_id"),
            description: try row.optionalString("description"),
            allowedPattern: try row.optionalString("allowed_pattern"),
            dataType: try row.string("data_type"), tier: tier,
            lastModifiedDate: Date(timeIntervalSince1970: try row.double("last_modified_date")),
            lastModifiedUser: try row.string("last_modified_user"))
    }
}

/// A row the code cannot read back: the state file was changed by something else.
enum SSMStoreError: Error, CustomStringConvertible {
    case corruptRow(String)

    var description: String {
        switch self {
        case .corruptRow(let table): "a row of \(table) holds a value ebauth never writes"
        }
    }
}
