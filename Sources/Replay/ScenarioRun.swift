import Beanstalk
import Foundation
import Logging
import Server

/// The result of replaying one scenario.
public struct ScenarioResult: Sendable {
    public enum Status: String, Sendable {
        case passed, failed, skipped, error
        /// The variant (registry backend, puller) cannot say anything about this scenario.
        case notApplicable = "n/a"
    }

    public var name: String
    public var folder: String
    public var status: Status
    /// Why it failed or was skipped (an unmet expectation, "needs S3", a broken scenario file).
    public var reason: String?
    public var report: DeploymentReport?
    public var seconds: Double
    /// The registry backend and puller it ran with.
    public var variant: ReplayVariant = .standard
}

/// Replays one scenario: a fresh in-process mock (own port, temporary state, IAM enforced),
/// the world seeded over HTTP, an instance registered, the bundle deployed, the expectation
/// compared.
public enum ScenarioRun {
    public static func replay(
        folder: String, bundleOverride: String? = nil, scenarioOverride: Scenario? = nil,
        variant: ReplayVariant = .standard, tools: ReplayTools = .none
    ) -> ScenarioResult {
        let started = Date()
        func result(_ name: String, _ outcome: Outcome) -> ScenarioResult {
            ScenarioResult(
                name: name, folder: folder, status: outcome.status, reason: outcome.reason, report: outcome.report,
                seconds: Date().timeIntervalSince(started), variant: variant)
        }
        let scenario: Scenario
        let bundle: String
        do {
            (scenario, bundle) = try load(folder: folder, scenario: scenarioOverride, bundle: bundleOverride)
        } catch {
            return result((folder as NSString).lastPathComponent, Outcome(.error, error.description))
        }
        if let why = variant.notApplicable(to: scenario) {
            return result(scenario.name, Outcome(.notApplicable, why))
        }
        guard InstanceSandbox.isAvailable else {
            let why =
                "needs user namespaces: hooks run under `unshare --mount --map-root-user` (util-linux), "
                + "which this machine refuses"
            return result(scenario.name, Outcome(.skipped, why))
        }
        let work = NSTemporaryDirectory() + "ebauth-replay-" + UUID().uuidString
        // An interrupt removes it too (the scenario's real registries keep their data there).
        guard RunningChildren.shared.add(directory: work) else {
            return result(scenario.name, Outcome(.error, "the replay was interrupted"))
        }
        defer {
            try? FileManager.default.removeItem(atPath: work)
            RunningChildren.shared.remove(directory: work)
        }
        do {
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            return result(
                scenario.name,
                try deploy(scenario, bundle: bundle, folder: folder, variant: variant, tools: tools, work: work))
        } catch {
            return result(scenario.name, Outcome(.error, "\(error)"))
        }
    }

    /// The scenario and bundle given, else the folder's.
    private static func load(
        folder: String, scenario: Scenario?, bundle: String?
    ) throws(ScenarioError) -> (Scenario, String) {
        if let scenario, let bundle { return (scenario, bundle) }
        let loaded = try Scenario.load(folder: folder)
        return (loaded.scenario, loaded.bundle)
    }

    /// How a replay ended, before it is named and timed.
    struct Outcome {
        var status: ScenarioResult.Status
        var reason: String?
        var report: DeploymentReport?

        init(_ status: ScenarioResult.Status, _ reason: String?, _ report: DeploymentReport? = nil) {
            self.status = status
            self.reason = reason
            self.report = report
        }
    }

    /// The mock with the scenario's tools beside it, the world seeded, the instance registered
    /// and the bundle deployed; then the report held against `expect:`.
    private static func deploy(
        _ scenario: Scenario, bundle: String, folder: String, variant: ReplayVariant, tools: ReplayTools, work: String
    ) throws -> Outcome {
        let desk = DockerLoginDesk()
        let server = try startServer(desk: desk)
        defer {
            server.stop()
            server.wait()
        }
        let http = LocalHTTPClient(port: server.port)
        let scenarioTools = try ScenarioTools(
            scenario: scenario, variant: variant, work: work, serverPort: server.port, tools: tools)
        defer { scenarioTools.stop() }
        let routes = scenarioTools.routes
        var seeder = WorldSeeder(http: http, scenario: scenario, scenarioFolder: folder)
        seeder.realRegistryHosts = Set(routes.upstreams.keys)
        let world: SeededWorld
        do {
            world = try seeder.seed()
        } catch let unavailable as ServiceUnavailable {
            return Outcome(.skipped, "needs \(unavailable.service)")
        }
        let sandbox = InstanceSandbox(
            directory: work + "/instance", endpoint: server.endpoint, instanceID: world.instanceID)
        try sandbox.prepare()
        desk.register(sandbox, hosts: registryHosts(scenario), routes: routes)
        var report = DeploymentEngine(
            scenario: scenario, bundle: bundle, http: http, endpoint: server.endpoint, world: world, sandbox: sandbox,
            puller: scenarioTools.puller
        ).run()
        report.setup = ["variant: \(variant)"] + scenarioTools.setup
        if case .needs(let service)? = report.failure?.kind {
            return Outcome(.skipped, "needs \(service)", report)
        }
        let problems = Expectation.check(
            scenario.expect, report: report, deployments: max(1, scenario.deployments.count), puller: variant.puller)
        guard !problems.isEmpty else { return Outcome(.passed, nil, report) }
        return Outcome(.failed, problems.joined(separator: "; "), report)
    }

    /// A fresh in-process mock on its own port with temporary state, IAM enforced, quiet, with
    /// `desk` answering the instance's docker logins.
    private static func startServer(desk: DockerLoginDesk) throws -> EbauthServer {
        var options = ServerOptions()
        options.port = 0
        options.enforceIAM = true
        options.workerCount = 8
        options.logLevel = .critical
        var logger = Logger(label: "ebauth-replay")
        logger.logLevel = .critical
        let server = try EbauthServer(
            options: options, logger: logger, modules: ServiceModules.all + [ReplayModule(desk: desk)])
        try server.start()
        return server
    }

    /// The registry hosts the instance's docker logins may name; Docker Hub answers under three.
    private static func registryHosts(_ scenario: Scenario) -> Set<String> {
        var hosts = Set(scenario.registries.map(\.host))
        if hosts.contains("docker.io") { hosts.formUnion(["registry-1.docker.io", "index.docker.io"]) }
        return hosts
    }
}

/// Compares a report with `expect:`.
public enum Expectation {
    public static func check(
        _ expect: Scenario.Expectation, report: DeploymentReport, deployments: Int, puller: PullerKind = .builtin
    ) -> [String] {
        var problems: [String] = []
        let target = expect.deployment ?? deployments - 1
        switch expect.outcome {
        case .pulled:
            if let failure = report.failure {
                problems.append(
                    "expected the images to pull, but deployment \(report.deployment) failed at \(failure.step.rawValue): \(failure.message)"
                )
            }
            for image in expect.images
            where !report.pulled.contains(where: {
                $0 == image || "docker.io/" + $0 == image || $0 == "docker.io/" + image
            }) {
                problems.append("\(image) was not pulled")
            }
        case .failed:
            guard let failure = report.failure else {
                problems.append("expected a failure, but every deployment succeeded")
                break
            }
            if report.deployment != target {
                problems.append("failed in deployment \(report.deployment), expected deployment \(target)")
            }
            if let wanted = expect.failure {
                if wanted.step != failure.step {
                    problems.append("failed at step \(failure.step.rawValue), expected \(wanted.step.rawValue)")
                }
                let everything = ([failure.message] + report.log.events + report.log.engine + report.log.hooks).joined(
                    separator: "\n")
                // A real tool words some failures its own way; the scenario says how.
                let message = wanted.pullerMessages[puller.rawValue] ?? wanted.message
                if !everything.contains(message) {
                    problems.append("no event contains \"\(message)\" (got: \(failure.message))")
                }
            }
        }
        return problems
    }
}
