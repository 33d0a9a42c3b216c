import AWSCore

/// Every error ECR's API answers with, named by its condition.
///
/// Codes are botocore's (`ecr/2015-09-21`); all are client errors with HTTP 400 (a real Go SDK
/// log shows `AccessDeniedException … status code: 400`, EB-SPEC §B.1). Messages are AWS's where
/// they were recorded from real responses (quoted by public tests and logs, and by moto, which
/// copies them); texts nobody has recorded are the model's documentation of the shape, and are
/// marked "unverified" where they are built.
enum ECRError: Error, Equatable {
    case repositoryNotFound(name: String, registryID: String)
    case repositoryAlreadyExists(name: String, registryID: String)
    case repositoryNotEmpty(name: String, registryID: String)
    case repositoryPolicyNotFound(name: String, registryID: String)
    case lifecyclePolicyNotFound(name: String, registryID: String)
    /// `imageID` as ECR prints it: `{imageDigest:'null', imageTag:'latest'}`.
    case imageNotFound(imageID: String, name: String, registryID: String)
    case imageAlreadyExists(digest: String, tag: String?, name: String, registryID: String)
    case imageTagAlreadyExists(String)
    case imageDigestDoesNotMatch(String)
    case layersNotFound(String)
    case layerInaccessible(String)
    case layerAlreadyExists(String)
    case referencedImagesNotFound(String)
    case uploadNotFound(String)
    case invalidLayer(String)
    case invalidLayerPart(String)
    case emptyUpload(String)
    case invalidParameter(String)
    case invalidTagParameter(String)
    case tooManyTags(String)
    case validation(String)
    case accessDenied(String)
}

extension ECRError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .repositoryNotFound(let name, let registryID):
            error(
                "RepositoryNotFoundException",
                "The repository with name '\(name)' does not exist in the registry with id '\(registryID)'")
        case .repositoryAlreadyExists(let name, let registryID):
            error(
                "RepositoryAlreadyExistsException",
                "The repository with name '\(name)' already exists in the registry with id '\(registryID)'")
        case .repositoryNotEmpty(let name, let registryID):
            error(
                "RepositoryNotEmptyException",
                "The repository with name '\(name)' in registry with id '\(registryID)' cannot be deleted because it still contains images"
            )
        case .repositoryPolicyNotFound(let name, let registryID):
            error(
                "RepositoryPolicyNotFoundException",
                "Repository policy does not exist for the repository with name '\(name)' in the registry with id '\(registryID)'"
            )
        case .lifecyclePolicyNotFound(let name, let registryID):
            error(
                "LifecyclePolicyNotFoundException",
                "Lifecycle policy does not exist for the repository with name '\(name)' in the registry with id '\(registryID)'"
            )
        case .imageNotFound(let imageID, let name, let registryID):
            error(
                "ImageNotFoundException",
                "The image with imageId \(imageID) does not exist within the repository with name '\(name)' in the registry with id '\(registryID)'"
            )
        case .imageAlreadyExists(let digest, let tag, let name, let registryID):
            error(
                "ImageAlreadyExistsException",
                "Image with digest '\(digest)' and tag '\(tag ?? "null")' already exists in the repository with name '\(name)' in registry with id '\(registryID)'"
            )
        case .imageTagAlreadyExists(let message): error("ImageTagAlreadyExistsException", message)
        case .imageDigestDoesNotMatch(let message): error("ImageDigestDoesNotMatchException", message)
        case .layersNotFound(let message): error("LayersNotFoundException", message)
        case .layerInaccessible(let message): error("LayerInaccessibleException", message)
        case .layerAlreadyExists(let message): error("LayerAlreadyExistsException", message)
        case .referencedImagesNotFound(let message): error("ReferencedImagesNotFoundException", message)
        case .uploadNotFound(let message): error("UploadNotFoundException", message)
        case .invalidLayer(let message): error("InvalidLayerException", message)
        case .invalidLayerPart(let message): error("InvalidLayerPartException", message)
        case .emptyUpload(let message): error("EmptyUploadException", message)
        case .invalidParameter(let message): error("InvalidParameterException", message)
        case .invalidTagParameter(let message): error("InvalidTagParameterException", message)
        case .tooManyTags(let message): error("TooManyTagsException", message)
        case .validation(let message): error("ValidationException", message)
        case .accessDenied(let message): error("AccessDeniedException", message)
        }
    }

    private func error(_ code: String, _ message: String) -> AWSError {
        AWSError(code: code, message: message, status: 400)
    }
}
