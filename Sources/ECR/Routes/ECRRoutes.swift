import AWSCore

extension ECRBackend {
    /// The only table of ECR operation names. Requests arrive as
    /// `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`; ECR operations not
    /// listed here are not built and the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
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
        service.on("UploadLayerPart", maxBodyBytes: Self.maxUploadLayerPartBodyBytes) {
            (input: UploadLayerPartRequest, request) in
            try uploadLayerPart(input, context: request.context)
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
        return service
    }

    /// A part is at most 20 MiB (model), about 27 MiB as base64, plus the other members: past the
    /// 1 MiB the other operations take.
    static let maxUploadLayerPartBodyBytes = 28 << 20
}
