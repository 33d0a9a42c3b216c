import AWSCore
import Foundation
import HTTPServer

extension ECRBackend {
    /// The only table of ECR operation names. Requests arrive as
    /// `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`; ECR operations not
    /// listed here are not built and the router answers them 501 NotImplemented.
    func routes() -> ECRService {
        var service = JSON11Service(ServiceCatalog.ecr)
        service.on("GetAuthorizationToken") { (input: GetAuthorizationTokenRequest, request) in
            try getAuthorizationToken(input, context: request.context)
        }
        service.on("DescribeRegistry") { (input: DescribeRegistryRequest, request) in
            try describeRegistry(input, context: request.context)
        }
        service.on("CreateRepository") { (input: CreateRepositoryRequest, request) in
            try createRepository(input, context: request.context)
        }
        service.on("DescribeRepositories") { (input: DescribeRepositoriesRequest, request) in
            try describeRepositories(input, context: request.context)
        }
        service.on("DeleteRepository") { (input: DeleteRepositoryRequest, request) in
            try deleteRepository(input, context: request.context)
        }
        service.on("PutImageTagMutability") { (input: PutImageTagMutabilityRequest, request) in
            try putImageTagMutability(input, context: request.context)
        }
        service.on("PutImageScanningConfiguration") { (input: PutImageScanningConfigurationRequest, request) in
            try putImageScanningConfiguration(input, context: request.context)
        }
        service.on("ListImages") { (input: ListImagesRequest, request) in
            try listImages(input, context: request.context)
        }
        service.on("DescribeImages") { (input: DescribeImagesRequest, request) in
            try describeImages(input, context: request.context)
        }
        service.on("BatchGetImage") { (input: BatchGetImageRequest, request) in
            try batchGetImage(input, context: request.context)
        }
        service.on("BatchDeleteImage") { (input: BatchDeleteImageRequest, request) in
            try batchDeleteImage(input, context: request.context)
        }
        service.on("PutImage") { (input: PutImageRequest, request) in
            try putImage(input, context: request.context)
        }
        service.on("BatchCheckLayerAvailability") { (input: BatchCheckLayerAvailabilityRequest, request) in
            try batchCheckLayerAvailability(input, context: request.context)
        }
        service.on("GetDownloadUrlForLayer") { (input: GetDownloadUrlForLayerRequest, request) in
            try getDownloadUrlForLayer(input, context: request.context)
        }
        service.on("InitiateLayerUpload") { (input: InitiateLayerUploadRequest, request) in
            try initiateLayerUpload(input, context: request.context)
        }
        service.on("CompleteLayerUpload") { (input: CompleteLayerUploadRequest, request) in
            try completeLayerUpload(input, context: request.context)
        }
        service.on("SetRepositoryPolicy") { (input: SetRepositoryPolicyRequest, request) in
            try setRepositoryPolicy(input, context: request.context)
        }
        service.on("GetRepositoryPolicy") { (input: RepositoryRequest, request) in
            try getRepositoryPolicy(input, context: request.context)
        }
        service.on("DeleteRepositoryPolicy") { (input: RepositoryRequest, request) in
            try deleteRepositoryPolicy(input, context: request.context)
        }
        service.on("PutLifecyclePolicy") { (input: PutLifecyclePolicyRequest, request) in
            try putLifecyclePolicy(input, context: request.context)
        }
        service.on("GetLifecyclePolicy") { (input: RepositoryRequest, request) in
            try getLifecyclePolicy(input, context: request.context)
        }
        service.on("DeleteLifecyclePolicy") { (input: RepositoryRequest, request) in
            try deleteLifecyclePolicy(input, context: request.context)
        }
        service.on("TagResource") { (input: TagResourceRequest, request) in
            try tagResource(input, context: request.context)
        }
        service.on("UntagResource") { (input: UntagResourceRequest, request) in
            try untagResource(input, context: request.context)
        }
        service.on("ListTagsForResource") { (input: ListTagsForResourceRequest, request) in
            try listTagsForResource(input, context: request.context)
        }
        return ECRService(json: service) { request in
            // UploadLayerPart carries up to 20 MiB of layer (base64 in JSON), past the 1 MiB the
            // shared JSON codec takes, so it is decoded here with the same rules.
            let input = try ECRService.decodeLargeBody(UploadLayerPartRequest.self, request)
            return try uploadLayerPart(input, context: request.context)
        }
    }
}

/// ECR's handler: the JSON 1.1 operation table plus UploadLayerPart, whose bodies are larger
/// than the shared codec accepts.
struct ECRService: AWSServiceHandler {
    let json: JSON11Service
    let uploadLayerPart: @Sendable (AWSRequest) throws -> UploadLayerPartResponse

    /// A part is at most 20 MiB (model), about 27 MiB as base64, plus the other members.
    static let maxUploadBodyBytes = 28 << 20

    var service: AWSServiceDescription { json.service }

    func implements(_ operation: String) -> Bool {
        operation == "UploadLayerPart" || json.implements(operation)
    }

    func handle(_ request: AWSRequest) throws -> HTTPResponse {
        guard request.context.operation == "UploadLayerPart" else { return try json.handle(request) }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-amz-json-1.1")
        return HTTPResponse(status: 200, headers: headers, bytes: try JSON11.encode(try uploadLayerPart(request)))
    }

    static func decodeLargeBody<T: Decodable>(_ type: T.Type, _ request: AWSRequest) throws -> T {
        guard request.body.count <= maxUploadBodyBytes else {
            throw AWSError(code: "SerializationException", message: "Request body too large.", status: 400)
        }
        let bytes = try request.body.readAll()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(type, from: Data(bytes.isEmpty ? Array("{}".utf8) : bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            throw AWSError(code: "SerializationException", message: "Missing required member '\(key.stringValue)'.", status: 400)
        } catch {
            // Says nothing of the content: it is layer data.
            throw AWSError(code: "SerializationException", message: "Malformed request body.", status: 400)
        }
    }
}
