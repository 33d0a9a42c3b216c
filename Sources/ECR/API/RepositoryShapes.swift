import Foundation

// Request and response shapes of the repository operations, named and cased as botocore's
// `ecr/2015-09-21` model has them.

struct ResourceTag: Codable, Sendable, Equatable {
    var Key: String
    var Value: String
}

struct ImageScanningConfiguration: Codable, Sendable, Equatable {
    var scanOnPush: Bool?
}

struct EncryptionConfiguration: Codable, Sendable, Equatable {
    var encryptionType: String
    var kmsKey: String?
}

struct ImageTagMutabilityExclusionFilter: Codable, Sendable, Equatable {
    var filterType: String
    var filter: String
}

struct Repository: Codable, Sendable, Equatable {
    var repositoryArn: String
    var registryId: String
    var repositoryName: String
    var repositoryUri: String
    var createdAt: Date
    var imageTagMutability: String
    var imageTagMutabilityExclusionFilters: [ImageTagMutabilityExclusionFilter]?
    var imageScanningConfiguration: ImageScanningConfiguration
    var encryptionConfiguration: EncryptionConfiguration
}

struct CreateRepositoryRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var tags: [ResourceTag]?
    var imageTagMutability: String?
    var imageTagMutabilityExclusionFilters: [ImageTagMutabilityExclusionFilter]?
    var imageScanningConfiguration: ImageScanningConfiguration?
    var encryptionConfiguration: EncryptionConfiguration?
}

struct CreateRepositoryResponse: Encodable, Sendable {
    var repository: Repository
}

struct DescribeRepositoriesRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryNames: [String]?
    var nextToken: String?
    var maxResults: Int?
}

struct DescribeRepositoriesResponse: Encodable, Sendable {
    var repositories: [Repository]
    var nextToken: String?
}

struct DeleteRepositoryRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var force: Bool?
}

struct DeleteRepositoryResponse: Encodable, Sendable {
    var repository: Repository
}

struct PutImageTagMutabilityRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageTagMutability: String
    var imageTagMutabilityExclusionFilters: [ImageTagMutabilityExclusionFilter]?
}

struct PutImageTagMutabilityResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var imageTagMutability: String
    var imageTagMutabilityExclusionFilters: [ImageTagMutabilityExclusionFilter]?
}

struct PutImageScanningConfigurationRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageScanningConfiguration: ImageScanningConfiguration
}

struct PutImageScanningConfigurationResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var imageScanningConfiguration: ImageScanningConfiguration
}

struct TagResourceRequest: Decodable, Sendable {
    var resourceArn: String
    var tags: [ResourceTag]
}

struct UntagResourceRequest: Decodable, Sendable {
    var resourceArn: String
    var tagKeys: [String]
}

struct ListTagsForResourceRequest: Decodable, Sendable {
    var resourceArn: String
}

struct ListTagsForResourceResponse: Encodable, Sendable {
    var tags: [ResourceTag]
}

/// TagResource and UntagResource answer `{}`.
struct EmptyResponse: Encodable, Sendable {}
