import AWSCore
import Foundation
import Registry
import Storage

/// ECR's tables. An operation runs a `read` or a `write` and calls the transaction's methods
/// inside it; the transaction carries the registry's statements too (`registry`), so an
/// operation changes ECR's rows and the registry's content in one commit.
struct ECRStore: Sendable {
    let registry: RegistryStore

    func read<T>(_ body: (ECRTransaction) throws -> T) throws -> T {
        try registry.read { try body(ECRTransaction(registry: $0)) }
    }

    func write<T>(_ body: (ECRTransaction) throws -> T) throws -> T {
        try registry.write { try body(ECRTransaction(registry: $0)) }
    }

    /// The layer-URL signing key, created on first use.
    func signingKey() throws -> [UInt8] {
        if let key = try read({ try $0.signingKey() }) { return key }
        return try write { try $0.signingKey() ?? $0.insertSigningKey() }
    }
}

/// ECR's statements in one transaction, beside the registry's.
struct ECRTransaction {
    let registry: RegistryTransaction

    /// Also the transaction of the registry's tag policy, which runs inside the registry's write.
    init(registry: RegistryTransaction) {
        self.registry = registry
    }

    private var connection: Connection { registry.connection }

    // MARK: Repositories

    static let repositoryColumns = """
        account_id, region, name, created_at, image_tag_mutability, mutability_exclusions, scan_on_push, \
        encryption_type, kms_key, policy_text, lifecycle_policy_text
        """

    func repository(_ registry: ECRRegistry, _ name: String) throws -> RepositoryRecord? {
        try connection.queryOne(
            "SELECT \(Self.repositoryColumns) FROM ecr_repository WHERE account_id = ? AND region = ? AND name = ?",
            [.text(registry.accountID), .text(registry.region), .text(name)]
        ).map(Self.repository)
    }

    /// Every repository of a registry, by name.
    func repositories(_ registry: ECRRegistry) throws -> [RepositoryRecord] {
        try connection.query(
            "SELECT \(Self.repositoryColumns) FROM ecr_repository WHERE account_id = ? AND region = ? ORDER BY name",
            [.text(registry.accountID), .text(registry.region)]
        ).map(Self.repository)
    }

    func insertRepository(_ record: RepositoryRecord) throws {
        try connection.run(
            "INSERT INTO ecr_repository (\(Self.repositoryColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(record.registry.accountID), .text(record.registry.region), .text(record.name),
                .real(record.createdAt.timeIntervalSince1970), .text(record.mutability.setting),
                .text(Self.encode(record.mutability.exclusions)), .bool(record.scanOnPush),
                .text(record.encryptionType),
                .optional(record.kmsKey), .optional(record.policyText), .optional(record.lifecyclePolicyText),
            ])
    }

    func deleteRepository(_ registry: ECRRegistry, _ name: String) throws {
        try connection.run(
            "DELETE FROM ecr_repository WHERE account_id = ? AND region = ? AND name = ?",
            [.text(registry.accountID), .text(registry.region), .text(name)])
    }

    func setMutability(_ registry: ECRRegistry, _ name: String, _ mutability: TagMutability) throws {
        try connection.run(
            """
            UPDATE ecr_repository SET image_tag_mutability = ?, mutability_exclusions = ?
            WHERE account_id = ? AND region = ? AND name = ?
            """,
            [
                .text(mutability.setting), .text(Self.encode(mutability.exclusions)), .text(registry.accountID),
                .text(registry.region), .text(name),
            ])
    }

    func setScanOnPush(_ registry: ECRRegistry, _ name: String, _ scanOnPush: Bool) throws {
        try connection.run(
            "UPDATE ecr_repository SET scan_on_push = ? WHERE account_id = ? AND region = ? AND name = ?",
            [.bool(scanOnPush), .text(registry.accountID), .text(registry.region), .text(name)])
    }

    /// Sets (or with nil removes) the repository policy.
    func setPolicy(_ registry: ECRRegistry, _ name: String, _ text: String?) throws {
        try connection.run(
            "UPDATE ecr_repository SET policy_text = ? WHERE account_id = ? AND region = ? AND name = ?",
            [.optional(text), .text(registry.accountID), .text(registry.region), .text(name)])
    }

    func setLifecyclePolicy(_ registry: ECRRegistry, _ name: String, _ text: String?) throws {
        try connection.run(
            "UPDATE ecr_repository SET lifecycle_policy_text = ? WHERE account_id = ? AND region = ? AND name = ?",
            [.optional(text), .text(registry.accountID), .text(registry.region), .text(name)])
    }

    private static func repository(_ row: Row) throws -> RepositoryRecord {
        RepositoryRecord(
            registry: ECRRegistry(accountID: try row.string("account_id"), region: try row.string("region")),
            name: try row.string("name"), createdAt: Date(timeIntervalSince1970: try row.double("created_at")),
            mutability: TagMutability(
                setting: try row.string("image_tag_mutability"),
                exclusions: decode(try row.string("mutability_exclusions"))),
            scanOnPush: try row.bool("scan_on_push"), encryptionType: try row.string("encryption_type"),
            kmsKey: try row.optionalString("kms_key"), policyText: try row.optionalString("policy_text"),
            lifecyclePolicyText: try row.optionalString("lifecycle_policy_text"))
    }

    private static func encode(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    // MARK: Repository tags

    func tags(_ registry: ECRRegistry, _ name: String) throws -> [ResourceTag] {
        try connection.query(
            "SELECT key, value FROM ecr_repository_tag WHERE account_id = ? AND region = ? AND repository = ? ORDER BY key",
            [.text(registry.accountID), .text(registry.region), .text(name)]
        ).map { ResourceTag(Key: try $0.string("key"), Value: try $0.string("value")) }
    }

    func setTag(_ registry: ECRRegistry, _ name: String, _ tag: ResourceTag) throws {
        try connection.run(
            """
            INSERT INTO ecr_repository_tag (account_id, region, repository, key, value) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account_id, region, repository, key) DO UPDATE SET value = excluded.value
            """, [.text(registry.accountID), .text(registry.region), .text(name), .text(tag.Key), .text(tag.Value)])
    }

    func deleteTag(_ registry: ECRRegistry, _ name: String, key: String) throws {
        try connection.run(
            "DELETE FROM ecr_repository_tag WHERE account_id = ? AND region = ? AND repository = ? AND key = ?",
            [.text(registry.accountID), .text(registry.region), .text(name), .text(key)])
    }

    // MARK: What the registry's tables say about an image

    /// Index manifests of the repository that list `digest` as a child.
    func indexesReferencing(_ namespace: String, _ repository: String, digest: String) throws -> [String] {
        try connection.query(
            """
            SELECT DISTINCT manifest_digest FROM registry_manifest_reference
            WHERE namespace = ? AND repository = ? AND kind = 'manifest' AND digest = ? ORDER BY manifest_digest
            """, [.text(namespace), .text(repository), .text(digest)]
        ).map { try $0.string(0) }
    }

    /// The media type a manifest of the repository gives blob `digest`, if any names it.
    func referencedMediaType(_ namespace: String, _ repository: String, digest: String) throws -> String? {
        try connection.queryOne(
            """
            SELECT media_type FROM registry_manifest_reference
            WHERE namespace = ? AND repository = ? AND kind IN ('config', 'layer') AND digest = ? LIMIT 1
            """, [.text(namespace), .text(repository), .text(digest)]
        ).map { try $0.string(0) }
    }

    // MARK: Authorization tokens

    func insertToken(hash: String, _ token: TokenRecord) throws {
        try connection.run(
            """
            INSERT INTO ecr_authorization_token (token_hash, registry_id, region, caller_account_id, caller_arn,
                caller_user_id, caller_access_key_id, caller_kind, issued_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(hash), .text(token.registryID), .text(token.region), .text(token.caller.accountID),
                .text(token.caller.arn),
                .text(token.caller.userID), .text(token.caller.accessKeyID), .text(token.caller.kind.rawValue),
                .real(token.issuedAt.timeIntervalSince1970), .real(token.expiresAt.timeIntervalSince1970),
            ])
    }

    func token(hash: String) throws -> TokenRecord? {
        try connection.queryOne(
            """
            SELECT registry_id, region, caller_account_id, caller_arn, caller_user_id, caller_access_key_id,
                caller_kind, issued_at, expires_at
            FROM ecr_authorization_token WHERE token_hash = ?
            """, [.text(hash)]
        ).map { row in
            TokenRecord(
                registryID: try row.string("registry_id"), region: try row.string("region"),
                caller: CallerIdentity(
                    accountID: try row.string("caller_account_id"), arn: try row.string("caller_arn"),
                    userID: try row.string("caller_user_id"), accessKeyID: try row.string("caller_access_key_id"),
                    kind: CallerIdentity.Kind(rawValue: try row.string("caller_kind")) ?? .anonymous),
                issuedAt: Date(timeIntervalSince1970: try row.double("issued_at")),
                expiresAt: Date(timeIntervalSince1970: try row.double("expires_at")))
        }
    }

    /// Forgets tokens that expired before `cutoff` (kept a while so a stale login still reads
    /// as expired rather than unknown).
    func deleteTokens(expiredBefore cutoff: Date) throws {
        try connection.run(
            "DELETE FROM ecr_authorization_token WHERE expires_at < ?", [.real(cutoff.timeIntervalSince1970)])
    }

    // MARK: Signing key

    func signingKey() throws -> [UInt8]? {
        try connection.queryOne("SELECT secret FROM ecr_signing_key WHERE id = 1").map { try $0.bytes(0) }
    }

    func insertSigningKey() throws -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        try connection.run("INSERT INTO ecr_signing_key (id, secret) VALUES (1, ?)", [.blob(secret)])
        return secret
    }
}
