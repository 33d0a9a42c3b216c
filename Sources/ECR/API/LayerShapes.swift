import Foundation

// Shapes of the layer operations (botocore `ecr/2015-09-21`).

struct BatchCheckLayerAvailabilityRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var layerDigests: [String]
}

struct Layer: Encodable, Sendable, Equatable {
    var layerDigest: String
    var layerAvailability: String
    var layerSize: Int64?
    var mediaType: String?
}

struct LayerFailure: Encodable, Sendable, Equatable {
    var layerDigest: String
    var failureCode: String
    var failureReason: String
}

struct BatchCheckLayerAvailabilityResponse: Encodable, Sendable {
    var layers: [Layer]
    var failures: [LayerFailure]
}

struct GetDownloadUrlForLayerRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var layerDigest: String
}

struct GetDownloadUrlForLayerResponse: Encodable, Sendable {
    var downloadUrl: String
    var layerDigest: String
}

struct InitiateLayerUploadRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
}

struct InitiateLayerUploadResponse: Encodable, Sendable {
    var uploadId: String
    var partSize: Int64
}

struct UploadLayerPartRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var uploadId: String
    var partFirstByte: Int64
    var partLastByte: Int64
    /// A blob: base64 in JSON, decoded by the codec.
    var layerPartBlob: Data
}

struct UploadLayerPartResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var uploadId: String
    var lastByteReceived: Int64
}

struct CompleteLayerUploadRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var uploadId: String
    var layerDigests: [String]
}

struct CompleteLayerUploadResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var uploadId: String
    var layerDigest: String
}
