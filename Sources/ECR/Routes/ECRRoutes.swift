import AWSCore

extension ECRBackend {
    /// The only table of ECR operation names. Requests arrive as
    /// `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`; ECR operations not
    /// listed here are not built and the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
        var service = JSON11Service(ServiceCatalog.ecr)
        service.on("GetAuthorizationToken", getAuthorizationToken)
        service.on("DescribeRegistry", describeRegistry)
        service.on("CreateRepository", createRepository)
        service.on("DescribeRepositories", describeRepositories)
        service.on("DeleteRepository", deleteRepository)
        service.on("PutImageTagMutability", putImageTagMutability)
        service.on("PutImageScanningConfiguration", putImageScanningConfiguration)
        service.on("ListImages", listImages)
        service.on("DescribeImages", describeImages)
        service.on("BatchGetImage", batchGetImage)
        service.on("BatchDeleteImage", batchDeleteImage)
        service.on("PutImage", putImage)
        service.on("BatchCheckLayerAvailability", batchCheckLayerAvailability)
        service.on("GetDownloadUrlForLayer", getDownloadUrlForLayer)
        service.on("InitiateLayerUpload", initiateLayerUpload)
        service.on("UploadLayerPart", maxBodyBytes: Self.maxUploadLayerPartBodyBytes, uploadLayerPart)
        service.on("CompleteLayerUpload", completeLayerUpload)
        service.on("SetRepositoryPolicy", setRepositoryPolicy)
        service.on("GetRepositoryPolicy", getRepositoryPolicy)
        service.on("DeleteRepositoryPolicy", deleteRepositoryPolicy)
        service.on("PutLifecyclePolicy", putLifecyclePolicy)
        service.on("GetLifecyclePolicy", getLifecyclePolicy)
        service.on("DeleteLifecyclePolicy", deleteLifecyclePolicy)
        service.on("TagResource", tagResource)
        service.on("UntagResource", untagResource)
        service.on("ListTagsForResource", listTagsForResource)
        return service
    }

    /// A part is at most 20 MiB (model), about 27 MiB as base64, plus the other members: past the
    /// 1 MiB the other operations take.
    static let maxUploadLayerPartBodyBytes = 28 << 20
}
