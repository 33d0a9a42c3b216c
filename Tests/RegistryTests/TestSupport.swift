import AWSCore
import Foundation
import HTTPServer
import Registry
import Server
import Storage
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Mounts the registry as the real server will: `/v2/` and `/_ebauth/registries/`, on an
/// `EbauthServer` with temporary state. Requests whose Host starts with an account id
/// (`123456789012.dkr.ecr.us-east-1.localhost`) go to an ECR-flavoured namespace, to check ECR's
/// wording; everything else to the emulated third-party registries.
struct TestRegistryModule: ServiceModule {
    let clock: TestClock
    let ecrAccess: @Sendable () -> any RegistryAccessControl
    let blobRedirect: RegistryResponder.BlobRedirect?
    let tagPolicy: TagPolicy?
    let box: RegistriesBox

    var migrations: [Migration] { RegistrySchema.migrations }

    func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        var environment = environment
        environment.clock = clock.aws
        let registries = ThirdPartyRegistries(environment: environment, tagPolicy: tagPolicy)
        box.set(registries)
        let ecrAccess = self.ecrAccess
        let resolve: RegistryResolver = { request in
            let host = request.headers["host"] ?? ""
            if host.hasPrefix("123456789012.dkr.ecr.") {
                return RegistryResolution(
                    namespace: .ecr(accountID: "123456789012", region: "us-east-1"), access: ecrAccess())
            }
            return registries.resolve(request)
        }
        return [
            PathRoute(
                prefix: "/v2/", name: "registry",
                responder: RegistryResponder(resolve: resolve, backend: registries.backend, blobRedirect: blobRedirect)),
            PathRoute(
                prefix: RegistryAdminResponder.prefix, name: "registries",
                responder: RegistryAdminResponder(registries: registries)),
        ]
    }
}

final class RegistriesBox: Sendable {
    private let value = Mutex<ThirdPartyRegistries?>(nil)
    func set(_ registries: ThirdPartyRegistries) { value.withLock { $0 = registries } }
    var registries: ThirdPartyRegistries { value.withLock { $0! } }
}

/// One in-process server for one test, spoken to over real HTTP.
final class TestRegistryServer {
    let inProcess: InProcessServer
    let clock = TestClock()
    let box = RegistriesBox()

    init(
        ecrAccess: @escaping @Sendable () -> any RegistryAccessControl = { OpenAccess() },
        blobRedirect: RegistryResponder.BlobRedirect? = nil, tagPolicy: TagPolicy? = nil
    ) throws {
        let module = TestRegistryModule(
            clock: clock, ecrAccess: ecrAccess, blobRedirect: blobRedirect, tagPolicy: tagPolicy, box: box)
        inProcess = try InProcessServer(modules: [module], workerCount: 8)
    }

    var server: EbauthServer { inProcess.server }
    var port: Int { inProcess.port }
    var registries: ThirdPartyRegistries { box.registries }
    var backend: RegistryBackend { registries.backend }
    var blobsDirectory: String { server.state.blobStore.blobsDirectory }

    /// Blob files currently in the store.
    func blobFileCount() -> Int {
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: blobsDirectory)) ?? []
        return shards.reduce(0) {
            $0 + ((try? FileManager.default.contentsOfDirectory(atPath: blobsDirectory + "/" + $1))?.count ?? 0)
        }
    }
}

extension TestResponse {
    var isAPIVersioned: Bool { header("Docker-Distribution-API-Version") == "registry/2.0" }
}

func basic(_ user: String, _ password: String) -> (String, String) {
    ("Authorization", BasicCredentials(user: user, password: password).headerValue)
}

func sha256(_ bytes: [UInt8]) -> String {
    TestImage.Blob(mediaType: "", bytes: bytes).digest
}
