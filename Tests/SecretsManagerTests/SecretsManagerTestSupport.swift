import AWSCore
import Foundation
import KMS
import Storage
import Synchronization
import TestSupport
import Testing

@testable import SecretsManager

/// Secrets Manager's tag shape, not Swift Testing's `Tag`.
typealias Tag = SecretsManager.Tag

/// A fresh migrated database in a temporary directory, a settable clock and a recording
/// authorizer: everything a backend test needs, nothing shared between tests.
final class SecretsHarness: DatabaseHarness {
    let state: TestDatabase
    let clock = TestClock()
    let authorizer = RecordingAuthorizer()
    let backend: SecretsManagerBackend
    var accountID = "111122223333"
    var region = "us-east-1"

    init() throws {
        state = try TestDatabase(
            "secretsmanager",
            migrations: StorageSchema.migrations + SecretsManagerSchema.migrations + KMSSchema.migrations)
        let clock = self.clock
        backend = SecretsManagerBackend(
            database: state.database, authorizer: authorizer, clock: AWSClock(now: { clock.now }))
    }

    var database: Database { state.database }

    /// The context the router would build for `operation`.
    func context(_ operation: String) -> RequestContext {
        let clock = self.clock
        let caller = CallerIdentity(
            accountID: accountID, arn: "arn:aws:iam::\(accountID):user/tester", userID: "AIDATESTER",
            accessKeyID: "AKIATESTER", kind: .user)
        return RequestContext(
            requestID: "req-\(operation)", accountID: accountID, region: region, service: "secretsmanager",
            operation: operation, caller: caller, clock: AWSClock(now: { clock.now }))
    }

    @discardableResult
    func create(
        _ name: String, string: String? = nil, binary: Data? = nil, kmsKeyID: String? = nil, tags: [Tag]? = nil,
        token: String? = nil
    ) throws -> CreateSecretResponse {
        try backend.createSecret(
            CreateSecretRequest(
                Name: name, ClientRequestToken: token, Description: nil, KmsKeyId: kmsKeyID, SecretBinary: binary,
                SecretString: string, Tags: tags),
            context: context("CreateSecret"))
    }

    func get(_ id: String, versionID: String? = nil, stage: String? = nil) throws -> GetSecretValueResponse {
        try backend.getSecretValue(
            GetSecretValueRequest(SecretId: id, VersionId: versionID, VersionStage: stage),
            context: context("GetSecretValue"))
    }

    @discardableResult
    func put(_ id: String, _ value: String, token: String? = nil, stages: [String]? = nil) throws
        -> PutSecretValueResponse
    {
        try backend.putSecretValue(
            PutSecretValueRequest(SecretId: id, ClientRequestToken: token, SecretString: value, VersionStages: stages),
            context: context("PutSecretValue"))
    }

    func describe(_ id: String) throws -> SecretDescription {
        try backend.describeSecret(DescribeSecretRequest(SecretId: id), context: context("DescribeSecret"))
    }

    func list(max: Int? = nil, token: String? = nil, includeDeleted: Bool? = nil, filters: [Filter]? = nil) throws
        -> ListSecretsResponse
    {
        try backend.listSecrets(
            ListSecretsRequest(
                IncludePlannedDeletion: includeDeleted, MaxResults: max, NextToken: token, Filters: filters),
            context: context("ListSecrets"))
    }

    @discardableResult
    func delete(_ id: String, days: Int64? = nil, force: Bool? = nil) throws -> DeleteSecretResponse {
        try backend.deleteSecret(
            DeleteSecretRequest(SecretId: id, RecoveryWindowInDays: days, ForceDeleteWithoutRecovery: force),
            context: context("DeleteSecret"))
    }

    func restore(_ id: String) throws {
        _ = try backend.restoreSecret(RestoreSecretRequest(SecretId: id), context: context("RestoreSecret"))
    }

    func tag(_ id: String, _ tags: [Tag]) throws {
        _ = try backend.tagResource(TagResourceRequest(SecretId: id, Tags: tags), context: context("TagResource"))
    }

    func untag(_ id: String, _ keys: [String]) throws {
        _ = try backend.untagResource(
            UntagResourceRequest(SecretId: id, TagKeys: keys), context: context("UntagResource"))
    }
}
