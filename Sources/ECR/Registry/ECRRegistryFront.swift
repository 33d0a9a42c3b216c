import AWSCore
import HTTPServer
import Registry

/// Which ECR registry a data-plane request is for. A Host that names one
/// (`<account>.dkr.ecr.<region>.amazonaws.com`, `….localhost`) decides; a Host nobody claims
/// (`127.0.0.1:4566`, `localhost:4566`, since `*.localhost` does not resolve for every client)
/// means the registry the request's token was issued for, else the default account in
/// us-east-1 (what a 401 challenge names before the client has sent a token).
struct ECRRegistryFront: Sendable {
    let store: ECRStore
    let authorization: ECRAuthorization
    let clock: AWSClock
    let defaultAccountID: String
    let signer: LayerURLSigner

    static let defaultRegion = "us-east-1"

    var front: RegistryFront {
        RegistryFront(
            named: { request in
                ECRHost.parse(request.headers["host"]).map { resolution(for: $0, request) }
            },
            fallback: { request in
                let credential = ECRCredential.read(request, store: store)
                var registry = ECRRegistry(accountID: defaultAccountID, region: Self.defaultRegion)
                if case .token(let token) = credential {
                    registry = ECRRegistry(accountID: token.registryID, region: token.region)
                }
                return resolution(for: registry, credential: credential)
            },
            blobRedirect: { namespace, repository, digest, _ in
                // Real ECR answers a layer GET with a redirect to a presigned URL (EB-SPEC §B.5).
                // A relative one, so it reaches this server under whatever name the client used.
                guard namespace.flavor == .ecr, let registry = ECRTagPolicy.registry(of: namespace) else { return nil }
                return try? signer.path(registry, repository: repository, digest: digest)
            })
    }

    private func resolution(for registry: ECRRegistry, _ request: HTTPRequest) -> RegistryResolution {
        resolution(for: registry, credential: ECRCredential.read(request, store: store))
    }

    private func resolution(for registry: ECRRegistry, credential: ECRCredential) -> RegistryResolution {
        RegistryResolution(
            namespace: registry.namespace,
            access: ECRRegistryAccess(
                registry: registry, credential: credential, authorization: authorization, store: store, clock: clock))
    }
}
