import Foundation

// Request and response shapes, named and cased exactly as botocore's secretsmanager/2017-10-17.
// `Data` members travel as base64, as the JSON protocol sends blobs.

struct Tag: Codable, Sendable, Equatable {
    var Key: String?
    var Value: String?
}

struct CreateSecretRequest: Decodable, Sendable {
    var Name: String
    var ClientRequestToken: String?
    var Description: String?
    var KmsKeyId: String?
    var SecretBinary: Data?
    var SecretString: String?
    var Tags: [Tag]?
    var AddReplicaRegions: [ReplicaRegion]?
    var ForceOverwriteReplicaSecret: Bool?
}

struct ReplicaRegion: Decodable, Sendable {
    var Region: String?
    var KmsKeyId: String?
}

struct CreateSecretResponse: Encodable, Sendable {
    var ARN: String
    var Name: String
    var VersionId: String?
}

struct GetSecretValueRequest: Decodable, Sendable {
    var SecretId: String
    var VersionId: String?
    var VersionStage: String?
}

struct GetSecretValueResponse: Encodable, Sendable {
    var ARN: String
    var Name: String
    var VersionId: String
    var SecretBinary: Data?
    var SecretString: String?
    var VersionStages: [String]
    var CreatedDate: Date
}

struct PutSecretValueRequest: Decodable, Sendable {
    var SecretId: String
    var ClientRequestToken: String?
    var SecretBinary: Data?
    var SecretString: String?
    var VersionStages: [String]?
    var RotationToken: String?
}

struct PutSecretValueResponse: Encodable, Sendable {
    var ARN: String
    var Name: String
    var VersionId: String
    var VersionStages: [String]
}

struct DescribeSecretRequest: Decodable, Sendable {
    var SecretId: String
}

/// DescribeSecret's answer; ListSecrets' `SecretListEntry` has the same members that matter here.
struct SecretDescription: Encodable, Sendable {
    var ARN: String
    var Name: String
    var Description: String?
    var KmsKeyId: String?
    var LastChangedDate: Date
    var LastAccessedDate: Date?
    var DeletedDate: Date?
    var Tags: [Tag]?
    var VersionIdsToStages: [String: [String]]?
    var SecretVersionsToStages: [String: [String]]?
    var CreatedDate: Date
}

struct ListSecretsRequest: Decodable, Sendable {
    var IncludePlannedDeletion: Bool?
    var MaxResults: Int?
    var NextToken: String?
    var Filters: [Filter]?
    var SortOrder: String?
}

struct Filter: Decodable, Sendable {
    var Key: String?
    var Values: [String]?
}

struct ListSecretsResponse: Encodable, Sendable {
    var SecretList: [SecretDescription]
    var NextToken: String?
}

struct DeleteSecretRequest: Decodable, Sendable {
    var SecretId: String
    var RecoveryWindowInDays: Int64?
    var ForceDeleteWithoutRecovery: Bool?
}

struct DeleteSecretResponse: Encodable, Sendable {
    var ARN: String
    var Name: String
    var DeletionDate: Date
}

struct RestoreSecretRequest: Decodable, Sendable {
    var SecretId: String
}

struct RestoreSecretResponse: Encodable, Sendable {
    var ARN: String
    var Name: String
}

struct TagResourceRequest: Decodable, Sendable {
    var SecretId: String
    var Tags: [Tag]
}

struct UntagResourceRequest: Decodable, Sendable {
    var SecretId: String
    var TagKeys: [String]
}

/// TagResource and UntagResource answer with an empty body.
struct EmptyResponse: Encodable, Sendable {}
