import AWSCore
import Foundation
import HTTPServer
import Registry
import Server
import Storage
import Synchronization
import TestSupport

@testable import ECR

#if canImport(Glibc)
    import Glibc
#endif

/// ECR mounted as `ECRModule` mounts it, with the test's clock and authorizer; the backend is
/// kept so tests call operations directly.
final class PartsBox: Sendable {
    let value = Mutex<ECRModule.Parts?>(nil)
}

struct TestECRModule: ServiceModule {
    let clock: TestClock
    let authorizer: RecordingAuthorizer
    let box: PartsBox

    var migrations: [Migration] { ECRModule().migrations }

    func adjusted(_ environment: ServiceEnvironment) -> ServiceEnvironment {
        var environment = environment
        environment.clock = clock.aws
        environment.authorizer = authorizer
        return environment
    }

    func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        let parts = ECRModule.Parts(adjusted(environment), tokenLifetime: 12 * 3600)
        box.value.withLock { $0 = parts }
        return [parts.backend.routes()]
    }

    func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        ECRModule.pathRoutes(box.value.withLock { $0! }, adjusted(environment))
    }
}

/// One in-process server with ECR for one test: the API called directly, the registry over HTTP.
final class ECRWorld: @unchecked Sendable {
    let inProcess: InProcessServer
    let clock = TestClock()
    let authorizer = RecordingAuthorizer()
    let backend: ECRBackend

    static let account = "000000000000"

    init() throws {
        let module = TestECRModule(clock: clock, authorizer: authorizer, box: PartsBox())
        inProcess = try InProcessServer(modules: [module])
        backend = module.box.value.withLock { $0!.backend }
    }

    var server: EbauthServer { inProcess.server }
    var port: Int { inProcess.port }

    func context(
        _ operation: String, account: String = ECRWorld.account, region: String = "us-east-1",
        caller: CallerIdentity? = nil
    ) -> RequestContext {
        RequestContext(
            requestID: "req-\(operation)", accountID: account, region: region, service: "ecr", operation: operation,
            caller: caller ?? .root(accountID: account, accessKeyID: "test"), clock: clock.aws)
    }

    @discardableResult
    func createRepository(_ name: String, mutability: String = "MUTABLE", account: String = ECRWorld.account) throws
        -> Repository
    {
        try backend.createRepository(
            CreateRepositoryRequest(repositoryName: name, imageTagMutability: mutability),
            context: context("CreateRepository", account: account)
        ).repository
    }

    /// A registry password from GetAuthorizationToken.
    func password(
        region: String = "us-east-1", account: String = ECRWorld.account, registryIDs: [String]? = nil,
        caller: CallerIdentity? = nil
    ) throws -> String {
        let data = try backend.getAuthorizationToken(
            GetAuthorizationTokenRequest(registryIds: registryIDs),
            context: context("GetAuthorizationToken", account: account, region: region, caller: caller))
        let decoded = String(
            decoding: Data(base64Encoded: data.authorizationData[0].authorizationToken)!, as: UTF8.self)
        return String(decoded.dropFirst("AWS:".count))
    }

    /// Pushes a generated image through the registry data plane, as a client does.
    func push(_ image: TestImage, to repository: String, tag: String, password: String, host: String = "127.0.0.1")
        throws -> TestResponse
    {
        for blob in image.blobs {
            let response = try send(
                "POST", "/v2/\(repository)/blobs/uploads/?digest=\(blob.digest)", host: host,
                headers: [basic(password)],
                body: blob.bytes)
            guard response.status == 201 else { return response }
        }
        return try send(
            "PUT", "/v2/\(repository)/manifests/\(tag)", host: host,
            headers: [basic(password), ("Content-Type", image.manifestMediaType)], body: image.manifest)
    }
}
