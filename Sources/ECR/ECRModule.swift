import AWSCore
import Foundation
import Logging
import Registry
import Storage
import Synchronization

/// Amazon ECR as the server mounts it: the API (JSON 1.1), and the registry data plane under
/// `/v2/` shared with the emulated third-party registries (it replaces `RegistryModule` in a
/// server, taking over its migrations and routes), plus the signed layer URLs under
/// `/_ebauth/ecr/layers/`.
///
/// The API and the data plane share one `RegistryBackend` (upload locks live in it). The server
/// asks for `handlers` and then `pathRoutes` with the same environment; the pieces built for
/// the first are handed to the second through `built`, keyed by the state database.
///
/// `EBAUTH_ECR_TOKEN_LIFETIME_SECONDS` (development and tests only) shortens the 12-hour life of
/// authorization tokens, so a test can watch one expire without waiting half a day.
public final class ECRModule: ServiceModule, ServiceBanner {
    private let built = Mutex<[ObjectIdentifier: Parts]>([:])
    let tokenLifetime: TimeInterval

    public init(tokenLifetime: TimeInterval? = nil) {
        let fromEnvironment = ProcessInfo.processInfo.environment["EBAUTH_ECR_TOKEN_LIFETIME_SECONDS"].flatMap(
            Double.init)
        self.tokenLifetime = tokenLifetime ?? fromEnvironment.flatMap { $0 > 0 ? $0 : nil } ?? 12 * 3600
    }

    public var migrations: [Migration] { RegistrySchema.migrations + ECRSchema.migrations }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        let parts = Parts(environment, tokenLifetime: tokenLifetime)
        built.withLock { $0[ObjectIdentifier(environment.database)] = parts }
        return [parts.backend.routes()]
    }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        let parts =
            built.withLock { $0.removeValue(forKey: ObjectIdentifier(environment.database)) }
            ?? Parts(environment, tokenLifetime: tokenLifetime)
        return Self.pathRoutes(parts, environment)
    }

    /// `/v2/` (ECR first, then the emulated third-party registries, then ECR for hosts nobody
    /// claims), `/_ebauth/registries/` and the signed layer URLs.
    static func pathRoutes(_ parts: Parts, _ environment: ServiceEnvironment) -> [PathRoute] {
        let front = ECRRegistryFront(
            store: parts.backend.store, authorization: parts.backend.authorization, clock: environment.clock,
            defaultAccountID: environment.defaultAccountID, signer: parts.backend.layerURLs)
        return RegistryModule.pathRoutes(
            environment: environment, backend: parts.backend.registry, front: front.front,
            logger: Logger(label: "ebauth.registry"))
            + [
                PathRoute(
                    prefix: LayerURLSigner.prefix, name: "ecr-layers",
                    responder: LayerDownloadResponder(signer: parts.backend.layerURLs, registry: parts.backend.registry)
                )
            ]
    }

    /// How to reach the registry with docker, printed by `ebauth serve`.
    public func bannerLines(endpoint: String) -> [String] {
        let port = URLComponents(string: endpoint)?.port ?? 4566
        let account = DefaultCredentials.accountID
        return [
            "ecr: aws ecr get-login-password | docker login --username AWS --password-stdin 127.0.0.1:\(port)",
            "ecr: images: 127.0.0.1:\(port)/REPOSITORY:TAG (account and region come from the token), or by the",
            "ecr:   repositoryUri, \(account).dkr.ecr.us-east-1.amazonaws.com:\(port)/REPOSITORY:TAG, once /etc/hosts has:",
            "ecr:   127.0.0.1 \(account).dkr.ecr.us-east-1.amazonaws.com \(account).dkr.ecr.us-east-1.localhost",
            "ecr: docker speaks plain HTTP to names that resolve to 127.0.0.0/8; for other names add",
            "ecr:   \"insecure-registries\": [\"NAME:\(port)\"] to /etc/docker/daemon.json",
        ]
    }

    /// The pieces of one server's ECR.
    struct Parts: Sendable {
        let backend: ECRBackend

        init(_ environment: ServiceEnvironment, tokenLifetime: TimeInterval) {
            let registryStore = RegistryStore(
                database: environment.database, blobStore: environment.blobStore, clock: environment.clock)
            let store = ECRStore(registry: registryStore)
            backend = ECRBackend(
                store: store,
                registry: RegistryBackend(store: registryStore, tagPolicy: { try ECRTagPolicy.check($0, $1) }),
                authorization: ECRAuthorization(authorizer: environment.authorizer), clock: environment.clock,
                endpoint: environment.endpoint, tokenLifetime: tokenLifetime,
                layerURLs: LayerURLSigner(store: store, clock: environment.clock))
        }
    }
}
