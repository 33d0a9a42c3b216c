/// What a registry request wants to do, named finely enough that ECR can map each to its IAM
/// action (manifest → ecr:BatchGetImage, blob → ecr:GetDownloadUrlForLayer, HEAD blob →
/// ecr:BatchCheckLayerAvailability, uploads → ecr:InitiateLayerUpload / UploadLayerPart /
/// CompleteLayerUpload, manifest PUT → ecr:PutImage).
public enum RegistryAction: Sendable, Hashable {
    /// `GET /v2/`: is the credential good at all.
    case ping
    case pull(repository: String, PullKind)
    case push(repository: String, PushKind)
    case delete(repository: String, DeleteKind)
    /// `GET /v2/_catalog`.
    case catalog

    public enum PullKind: Sendable, Hashable {
        case manifest
        case blob
        case blobHead
        case tags
    }

    public enum PushKind: Sendable, Hashable {
        case manifest
        /// POST …/blobs/uploads/ without a digest. A cross-repository mount
        /// (`?mount=<digest>&from=<repository>`) is this, plus `.pull(from, .blob)` asked
        /// separately: without that permission the registry starts an ordinary upload.
        case startUpload
        /// POST …/blobs/uploads/?digest=: a whole blob in one request.
        case monolithicUpload
        case uploadChunk
        case completeUpload
        case uploadStatus
        case cancelUpload
    }

    public enum DeleteKind: Sendable, Hashable {
        case manifest
        case tag
        case blob
    }

    /// The repository the action is about.
    public var repository: String? {
        switch self {
        case .ping, .catalog: nil
        case .pull(let repository, _), .push(let repository, _), .delete(let repository, _): repository
        }
    }

    /// Token-scope actions (Docker's token spec) this action needs on its repository, in the
    /// order a client asks for them: pulls need `pull`, pushes `pull,push` (docker asks for both
    /// when pushing), deletes `delete`.
    public var scopeActions: [String] {
        switch self {
        case .ping, .catalog: []
        case .pull: ["pull"]
        case .push: ["pull", "push"]
        case .delete: ["delete"]
        }
    }
}

/// Who a request was authorized as. Handlers do not look at it; hooks (blob redirects) may.
public struct RegistryPrincipal: Sendable {
    /// The user name, or nil for anonymous access.
    public var name: String?
    /// Whatever the access control wants to hand on (ECR: the caller's identity).
    public var attributes: [String: String]

    public init(name: String?, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    public static let anonymous = RegistryPrincipal(name: nil)
}
