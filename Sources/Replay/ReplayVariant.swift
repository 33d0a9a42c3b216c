import Beanstalk
import Foundation

/// Which registry serves a scenario's third-party registries.
public enum RegistryBackendKind: String, CaseIterable, Sendable {
    /// ebauth's own registry (default; needs nothing installed).
    case embedded
    /// Debian's `docker-registry` (CNCF distribution) as a child process.
    case process
    /// The same registry as a container through a Docker engine.
    case container
}

/// What does the `docker pull`.
public enum PullerKind: String, CaseIterable, Sendable {
    /// ebauth's own registry client (default).
    case builtin
    /// `skopeo copy`.
    case skopeo
    /// A real Docker engine.
    case docker
}

/// One cell of the replay matrix: a registry backend and a puller.
public struct ReplayVariant: Sendable, Hashable, CustomStringConvertible {
    public var registry: RegistryBackendKind
    public var puller: PullerKind

    public init(registry: RegistryBackendKind = .embedded, puller: PullerKind = .builtin) {
        self.registry = registry
        self.puller = puller
    }

    public static let standard = ReplayVariant()

    public var description: String { "registry=\(registry.rawValue) puller=\(puller.rawValue)" }

    /// Why this variant says nothing about a scenario (nil when it applies): a real registry
    /// can only stand in for a scenario that has a third-party registry with htpasswd-style
    /// (or no) authentication.
    public func notApplicable(to scenario: Scenario) -> String? {
        guard registry != .embedded else { return nil }
        if scenario.registries.contains(where: DistributionRegistry.canStandIn) { return nil }
        return scenario.registries.isEmpty
            ? "the scenario has no third-party registry (only ECR, which stays ebauth's)"
            : "its registries use Bearer token auth (Docker Hub style), which the distribution registry cannot serve; they stay embedded"
    }
}

/// The long-lived tools a run shares: a Docker engine (private, or DOCKER_HOST's) and, for
/// `--puller docker`, the router the engine's proxy settings point at.
public final class ReplayTools: Sendable {
    public let engine: DockerEngine?
    public let router: RegistryRouter?

    init(engine: DockerEngine?, router: RegistryRouter?) {
        self.engine = engine
        self.router = router
    }

    public static let none = ReplayTools(engine: nil, router: nil)

    /// Starts what `variants` need for `scenarios`. `dockerHost` names an engine the user runs
    /// (then the router listens on `routerPort`, which that engine's HTTP_PROXY/HTTPS_PROXY must
    /// name); without it a private engine is started.
    public static func prepare(
        for variants: [ReplayVariant], scenarios: [Scenario], dockerHost: String? = nil, routerPort: Int = 0
    ) throws -> ReplayTools {
        let needsDockerPuller = variants.contains { $0.puller == .docker }
        let needsEngine = needsDockerPuller || variants.contains { $0.registry == .container }
        if variants.contains(where: { $0.puller == .skopeo }), Subprocess.locate("skopeo") == nil {
            throw Subprocess.LaunchError(description: "--puller skopeo needs skopeo (Debian package skopeo)")
        }
        if variants.contains(where: { $0.registry == .process }), Subprocess.locate("docker-registry") == nil {
            throw Subprocess.LaunchError(
                description: "--registry process needs docker-registry (Debian package docker-registry)")
        }
        guard needsEngine else { return .none }
        if !needsDockerPuller, dockerHost == nil, ProcessInfo.processInfo.environment["DOCKER_HOST"] != nil {
            // A registry container needs nothing special from the engine.
            return ReplayTools(engine: try DockerEngine.existing(), router: nil)
        }
        if let dockerHost {
            let engine = try DockerEngine.existing(dockerHost)
            return ReplayTools(engine: engine, router: needsDockerPuller ? try RegistryRouter(port: routerPort) : nil)
        }
        let router = try RegistryRouter()
        do {
            let engine = try DockerEngine.startPrivate(router: router, registryHosts: registryHosts(of: scenarios))
            return ReplayTools(engine: engine, router: router)
        } catch {
            router.stop()
            throw error
        }
    }

    /// How an engine the user runs must be set up for `--puller docker --docker-host`.
    public static func engineRequirements(routerPort: Int, scenarios: [Scenario]) -> String {
        var hosts: Set<String> = []
        for scenario in scenarios {
            hosts.formUnion(scenario.registries.map(\.host).filter { $0 != "docker.io" })
            hosts.insert(ecrHost(account: scenario.account, region: scenario.region))
            for repository in scenario.repositories {
                hosts.insert(
                    ecrHost(
                        account: repository.account ?? scenario.account, region: repository.region ?? scenario.region))
            }
        }
        let names = hosts.sorted()
        return """
            The engine must send registry traffic through the replay's router and treat the scenarios' registries as insecure:
              dockerd's environment: HTTP_PROXY=http://127.0.0.1:\(routerPort) HTTPS_PROXY=http://127.0.0.1:\(routerPort)
              daemon.json: {"insecure-registries": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]}
              (or an /etc/hosts for dockerd naming them as 127.0.0.1, which docker treats as insecure)
            """
    }

    public func stop() {
        engine?.stop()
        router?.stop()
    }

    /// Ctrl-C or SIGTERM during a run stops the registries of the scenarios in flight (and
    /// removes their folders), then a private engine, before exiting: nothing the replay
    /// started outlives it. Registry containers go first, while their engine still runs.
    public func stopOnInterrupt() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                FileHandle.standardError.write(
                    Data("ebauth replay: interrupted; stopping the registries and Docker engine it started\n".utf8))
                RunningChildren.shared.stopAll()
                stop()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// The registry host of an account's ECR in a region, as image names spell it.
    static func ecrHost(account: String, region: String) -> String { "\(account).dkr.ecr.\(region).amazonaws.com" }

    static let regions = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2",
        "eu-west-3",
        "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
        "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-east-1", "me-south-1", "af-south-1",
    ]

    /// Every name a scenario's images can use: its registries and every region's ECR host of
    /// each account it mentions (a bundle may name another region's repository).
    static func registryHosts(of scenarios: [Scenario]) -> Set<String> {
        var hosts: Set<String> = []
        for scenario in scenarios {
            for registry in scenario.registries {
                hosts.insert(registry.host)
                if registry.host == "docker.io" { hosts.formUnion(["registry-1.docker.io", "index.docker.io"]) }
            }
            let accounts = Set([scenario.account] + scenario.repositories.compactMap(\.account))
            for account in accounts {
                for region in regions { hosts.insert(ecrHost(account: account, region: region)) }
            }
        }
        return hosts
    }
}
