import AWSCore
import Foundation
import KMS
import Storage
import Synchronization
import Testing

@testable import SecretsManager

/// Secrets Manager's tag shape, not Swift Testing's `Tag`.
typealias Tag = SecretsManager.Tag

/// A fresh migrated database in a temporary directory, a settable clock and a recording
/// authorizer: everything a backend test needs, nothing shared between tests.
final class SecretsHarness {
    let directory: String
    let database: Database
    let clock = TestClock()
    let authorizer = RecordingAuthorizer()
    let backend: SecretsManagerBackend
    var accountID = "111122223333"
    var region = "us-east-1"

    init() throws {
        directory = NSTemporaryDirectory() + "/secretsmanager-tests-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try Database(path: directory + "/ebauth.sqlite3")
        try Migrator([StorageSchema.migrations, SecretsManagerSchema.migrations, KMSSchema.migrations])
            .migrate(database)
        let clock = self.clock
        backend = SecretsManagerBackend(database: database, authorizer: authorizer, clock: AWSClock(now: { clock.now }))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

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
            GetSecretValueRequest(SecretId: id, VersionId: versionID, VersionStage: stage), context: context("GetSecretValue"))
    }

    @discardableResult
    func put(_ id: String, _ value: String, token: String? = nil, stages: [String]? = nil) throws -> PutSecretValueResponse {
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
            ListSecretsRequest(IncludePlannedDeletion: includeDeleted, MaxResults: max, NextToken: token, Filters: filters),
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
        _ = try backend.untagResource(UntagResourceRequest(SecretId: id, TagKeys: keys), context: context("UntagResource"))
    }

    /// Every byte of the database files, to look for plaintext.
    func stateFileBytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            bytes += Array(try Data(contentsOf: URL(fileURLWithPath: database.path + suffix)))
        }
        return bytes
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let value = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    var now: Date { value.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Records every question asked and refuses the ones `deny` picks, with IAM's reason.
final class RecordingAuthorizer: Authorizer {
    private let state = Mutex<(requests: [AuthorizationRequest], deny: @Sendable (AuthorizationRequest) -> Bool)>(
        ([], { _ in false }))

    var requests: [AuthorizationRequest] { state.withLock { $0.requests } }

    func deny(_ rule: @escaping @Sendable (AuthorizationRequest) -> Bool) {
        state.withLock { $0.deny = rule }
    }

    func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {
        let denied = state.withLock { state -> Bool in
            state.requests.append(request)
            return state.deny(request)
        }
        if denied {
            throw AccessDenial(
                callerARN: request.caller.arn, action: request.action, resource: request.resource,
                reason: .noIdentityPolicyAllows)
        }
    }
}

/// Runs `body` and checks that it fails as AWS would: code, message (when given) and status.
func expectAWSError(
    _ code: String, _ message: String? = nil, status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch {
        let aws = ErrorRenderer.awsError(for: error)
        #expect(aws.code == code, sourceLocation: sourceLocation)
        #expect(aws.status == status, sourceLocation: sourceLocation)
        if let message { #expect(aws.message == message, sourceLocation: sourceLocation) }
    }
}

extension Array where Element == UInt8 {
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if Array(self[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
