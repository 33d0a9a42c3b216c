import Foundation

// Shapes of the image operations (botocore `ecr/2015-09-21`).

struct ImageIdentifier: Codable, Sendable, Equatable, Hashable {
    var imageDigest: String?
    var imageTag: String?
}

struct TagStatusFilter: Decodable, Sendable {
    var tagStatus: String?
    var imageStatus: String?
}

struct ListImagesRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var nextToken: String?
    var maxResults: Int?
    var filter: TagStatusFilter?
}

struct ListImagesResponse: Encodable, Sendable {
    var imageIds: [ImageIdentifier]
    var nextToken: String?
}

struct DescribeImagesRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageIds: [ImageIdentifier]?
    var nextToken: String?
    var maxResults: Int?
    var filter: TagStatusFilter?
}

struct ImageDetail: Encodable, Sendable, Equatable {
    var registryId: String
    var repositoryName: String
    var imageDigest: String
    var imageTags: [String]?
    var imageSizeInBytes: Int64
    var imagePushedAt: Date
    var imageManifestMediaType: String
    var artifactMediaType: String?
}

struct DescribeImagesResponse: Encodable, Sendable {
    var imageDetails: [ImageDetail]
    var nextToken: String?
}

struct BatchGetImageRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageIds: [ImageIdentifier]
    var acceptedMediaTypes: [String]?
}

struct Image: Encodable, Sendable, Equatable {
    var registryId: String
    var repositoryName: String
    var imageId: ImageIdentifier
    var imageManifest: String
    var imageManifestMediaType: String
}

struct ImageFailure: Encodable, Sendable, Equatable {
    var imageId: ImageIdentifier
    var failureCode: String
    var failureReason: String
}

struct BatchGetImageResponse: Encodable, Sendable {
    var images: [Image]
    var failures: [ImageFailure]
}

struct BatchDeleteImageRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageIds: [ImageIdentifier]
}

struct BatchDeleteImageResponse: Encodable, Sendable {
    var imageIds: [ImageIdentifier]
    var failures: [ImageFailure]
}

struct PutImageRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var imageManifest: String
    var imageManifestMediaType: String?
    var imageTag: String?
    var imageDigest: String?
}

struct PutImageResponse: Encodable, Sendable {
    var image: Image
}
