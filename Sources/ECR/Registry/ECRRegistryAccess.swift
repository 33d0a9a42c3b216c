import AWSCore
import Foundation
import HTTPServer
import Registry

/// ECR's checks on every registry request, in the order a client meets them: a credential at
/// all (401 with ECR's Basic challenge), a token of ours (400), issued for this region (400),
/// not expired (403 DENIED), then IAM for the request's action with the token's principal, the
/// repository's policy and the request's facts (403 DENIED with IAM's text).
struct ECRRegistryAccess: RegistryAccessControl {
    let registry: ECRRegistry
    let credential: ECRCredential
    let authorization: ECRAuthorization
    let store: ECRStore
    let clock: AWSClock

    /// Real ECR's challenge (EB-SPEC §B.5, recorded with curl).
    var challenge: String {
        "Basic realm=\"https://\(ECRHost.awsName(registry))/\",service=\"ecr.amazonaws.com\""
    }

    func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction) throws(RegistryError)
        -> RegistryPrincipal
    {
        let token: TokenRecord
        switch credential {
        case .missing:
            throw .unauthorized(challenge: challenge)
        case .invalid:
            // ECR answers a password that is no token with 400 (docker: "login attempt to … failed
            // with status: 400 Bad Request"); the body's wording is ebauth's (unverified).
            throw .custom(code: "DENIED", status: 400, message: "Your authorization token is invalid.")
        case .token(let record):
            token = record
        }
        guard token.region == registry.region else {
            // 400 as for a token of another region at login (EB-SPEC §B.5); wording ebauth's.
            throw .custom(
                code: "DENIED", status: 400,
                message:
                    "Your authorization token was issued in region '\(token.region)' and cannot be used in region '\(registry.region)'."
            )
        }
        guard token.expiresAt > clock.now() else {
            throw .denied(message: "Your authorization token has expired. Reauthenticate and try again.")
        }
        let principal = RegistryPrincipal(name: token.caller.arn)
        let (actions, repository) = try Self.iamActions(action)
        guard !actions.isEmpty else { return principal }
        let policy: String?
        do {
            policy = try repository.flatMap { name in
                try store.read { try $0.repository(registry, name)?.policyText }
            }
        } catch {
            throw .unknown
        }
        // Built once, as ServiceRouter builds them for the API, so `aws:SourceIp` and friends
        // decide a pull as they decide the API call before it.
        let facts = RequestFacts(request)
        for action in actions {
            if let denial = authorization.decide(
                caller: token.caller, action: action, registry: registry, repository: repository, policy: policy,
                region: registry.region, facts: facts, clock: clock)
            {
                throw .denied(message: denial.message())
            }
        }
        return principal
    }

    /// The IAM actions a registry request needs (EB-SPEC §B.5: manifests → BatchGetImage, blob
    /// GET → GetDownloadUrlForLayer, blob HEAD → BatchCheckLayerAvailability, tags → ListImages,
    /// pushes → the layer-upload actions and PutImage; `_catalog` → DescribeRepositories on `*`,
    /// as a real DENIED body shows). Deleting a layer is not something ECR's registry does.
    static func iamActions(_ action: RegistryAction) throws(RegistryError) -> (actions: [String], repository: String?) {
        switch action {
        case .ping:
            return ([], nil)
        case .catalog:
            return (["DescribeRepositories"], nil)
        case .pull(let repository, let kind):
            switch kind {
            case .manifest: return (["BatchGetImage"], repository)
            case .blob: return (["GetDownloadUrlForLayer"], repository)
            case .blobHead: return (["BatchCheckLayerAvailability"], repository)
            case .tags: return (["ListImages"], repository)
            }
        case .push(let repository, let kind):
            switch kind {
            case .manifest: return (["PutImage"], repository)
            case .startUpload: return (["InitiateLayerUpload"], repository)
            case .monolithicUpload:
                return (["InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload"], repository)
            case .uploadChunk, .uploadStatus, .cancelUpload: return (["UploadLayerPart"], repository)
            case .completeUpload: return (["CompleteLayerUpload"], repository)
            }
        case .delete(let repository, let kind):
            guard kind != .blob else {
                throw .unsupported(detail: "ECR does not delete layers through the registry API")
            }
            return (["BatchDeleteImage"], repository)
        }
    }
}
