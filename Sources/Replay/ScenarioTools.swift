import Beanstalk
import Foundation

/// What one scenario's run uses of its variant: a real distribution registry for each of its
/// registries one can stand in for (`--registry process|container`), seeded with its images;
/// the routes to them; and the puller. ReplayTools holds what the whole run shares.
struct ScenarioTools {
    let routes: RegistryRoutes
    let puller: any ImagePuller
    /// What the report's setup says about the registries and the puller, in that order.
    let setup: [String]
    private let registries: [DistributionRegistry]
    private let skopeoRouter: RegistryRouter?

    /// A variant whose run-wide tool was not started.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts and seeds the real registries (in folders under `work`) and makes the puller;
    /// on a failure, stops what it had started.
    init(scenario: Scenario, variant: ReplayVariant, work: String, serverPort: Int, tools: ReplayTools) throws {
        var routes = RegistryRoutes(serverPort: serverPort)
        var setup: [String] = []
        var registries: [DistributionRegistry] = []
        var skopeoRouter: RegistryRouter?
        do {
            if variant.registry != .embedded {
                for spec in scenario.registries where DistributionRegistry.canStandIn(for: spec) {
                    let directory =
                        work + "/registry-" + spec.host.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                    let registry: DistributionRegistry
                    if variant.registry == .process {
                        registry = try DistributionRegistry.startProcess(spec, directory: directory)
                    } else {
                        guard let engine = tools.engine else {
                            throw Missing(description: "--registry container: no Docker engine was started")
                        }
                        registry = try DistributionRegistry.startContainer(spec, directory: directory, engine: engine)
                    }
                    registries.append(registry)
                    try registry.seed()
                    routes.upstreams[spec.host.lowercased()] = registry.port
                    setup.append("registry \(spec.host): \(registry.how)")
                }
            }
            for spec in scenario.registries where routes.upstreams[spec.host.lowercased()] == nil {
                setup.append("registry \(spec.host): embedded in ebauth (\(spec.auth.rawValue) auth)")
            }
            if !scenario.repositories.isEmpty { setup.append("ECR: ebauth") }
            switch variant.puller {
            case .builtin:
                puller = RegistryPuller(routes: routes)
                setup.append("puller: ebauth's built-in registry client")
            case .skopeo:
                let router = try RegistryRouter(routes: routes)
                skopeoRouter = router
                puller = SkopeoPuller(router: router)
                setup.append("puller: skopeo copy through the registry router at \(router.proxyURL)")
            case .docker:
                guard let engine = tools.engine, let router = tools.router else {
                    throw Missing(description: "--puller docker: no private Docker engine was started")
                }
                puller = DockerPuller(engine: engine, router: router, routes: routes)
                setup.append("puller: docker pull on the \(engine.description)")
            }
        } catch {
            for registry in registries { registry.stop() }
            skopeoRouter?.stop()
            throw error
        }
        self.routes = routes
        self.setup = setup
        self.registries = registries
        self.skopeoRouter = skopeoRouter
    }

    func stop() {
        skopeoRouter?.stop()
        for registry in registries { registry.stop() }
    }
}
