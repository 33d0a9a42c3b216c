import ArgumentParser
import Beanstalk
import Foundation

/// `ebauth replay [PATH…]`.
public struct ReplayCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay Beanstalk's private-registry flows and failure scenarios, each against a fresh mock.")

    @Argument(help: "Scenario folders, or folders holding them.")
    var paths: [String] = ["Scenarios"]

    @Option(help: "Scenarios replayed at the same time.")
    var jobs = 4

    @Option(help: "Only scenarios whose folder or name contains this text.")
    var filter: String?

    @Option(help: "Write a JUnit XML report here.")
    var junit: String?

    @Option(help: "Write a JSON report here.")
    var json: String?

    @Option(
        help:
            "Registry backends for third-party registries, comma-separated: embedded (ebauth's own), process (Debian's docker-registry), container (the same registry in a Docker engine)."
    )
    var registry = "embedded"

    @Option(
        help:
            "Image pullers, comma-separated: builtin (ebauth's registry client), skopeo, docker (a private Docker engine started for the run). Several backends or pullers replay every combination and report the matrix."
    )
    var puller = "builtin"

    @Option(
        help:
            "Use this Docker engine (e.g. unix:///run/docker.sock) instead of starting a private one; for --puller docker it must route registry traffic through --router-port (see --print-engine-setup)."
    )
    var dockerHost: String?

    @Option(help: "With --docker-host: the loopback port of the registry router the engine's HTTP_PROXY names.")
    var routerPort = 5380

    @Flag(help: "Print how an engine given with --docker-host must be set up for these scenarios, and exit.")
    var printEngineSetup = false

    @Flag(help: "Print each scenario's engine log.")
    var verbose = false

    public init() {}

    public func validate() throws {
        _ = try variants()
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
    }

    static func kinds<Kind: RawRepresentable & CaseIterable>(_ text: String, option: String) throws -> [Kind]
    where Kind.RawValue == String {
        var kinds: [Kind] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let kind = Kind(rawValue: name) else {
                throw ValidationError(
                    "--\(option): unknown '\(name)' (expected \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            if !kinds.contains(where: { $0.rawValue == kind.rawValue }) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw ValidationError("--\(option) names nothing") }
        return kinds
    }

    func variants() throws -> [ReplayVariant] {
        let registries: [RegistryBackendKind] = try Self.kinds(registry, option: "registry")
        let pullers: [PullerKind] = try Self.kinds(puller, option: "puller")
        return registries.flatMap { registry in pullers.map { ReplayVariant(registry: registry, puller: $0) } }
    }

    public func run() throws {
        let variants = try variants()
        var folders = ScenarioDiscovery.folders(under: paths)
        if let filter {
            folders = folders.filter { folder in
                folder.localizedCaseInsensitiveContains(filter)
                    || ((try? Scenario.load(folder: folder).scenario.name.localizedCaseInsensitiveContains(filter))
                        ?? false)
            }
        }
        guard !folders.isEmpty else {
            FileHandle.standardError.write(
                Data("ebauth replay: no scenarios under \(paths.joined(separator: " "))\n".utf8))
            throw ExitCode(1)
        }
        let verbose = verbose
        let scenarios = folders.compactMap { try? Scenario.load(folder: $0).scenario }
        let tools: ReplayTools
        do {
            if printEngineSetup {
                print(ReplayTools.engineRequirements(routerPort: routerPort, scenarios: scenarios))
                return
            }
            tools = try ReplayTools.prepare(
                for: variants, scenarios: scenarios, dockerHost: dockerHost, routerPort: routerPort)
        } catch {
            FileHandle.standardError.write(Data("ebauth replay: \(error)\n".utf8))
            throw ExitCode(1)
        }
        defer { tools.stop() }
        let interrupts = tools.stopOnInterrupt()
        defer { interrupts.forEach { $0.cancel() } }
        if let engine = tools.engine { print("Docker engine: \(engine.description)") }
        let showVariant = variants != [.standard]
        let results = Runner.run(folders: folders, jobs: jobs, variants: variants, tools: tools) {
            result, done, total in
            // Scenarios cut short by Ctrl-C or SIGTERM are not results.
            guard !RunningChildren.shared.isStopping else { return }
            let variant = showVariant ? " [\(result.variant)]" : ""
            var line =
                "[\(done)/\(total)] \(result.status.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(result.name)\(variant) (\(String(format: "%.2f", result.seconds))s)"
            if let reason = result.reason { line += "\n        \(reason)" }
            if verbose || result.status == .failed, let report = result.report { line += "\n" + report.text }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        // After Ctrl-C or SIGTERM the handler stops everything and exits; nothing to report.
        if RunningChildren.shared.isStopping { dispatchMain() }
        let count = { (status: ScenarioResult.Status) in results.filter { $0.status == status }.count }
        if variants.count > 1 { print(Reports.matrixTable(results, variants: variants), terminator: "") }
        let disagreements = variants.count > 1 ? Reports.disagreements(results) : []
        for disagreement in disagreements { print("variants disagree: \(disagreement)") }
        let notApplicable = count(.notApplicable) > 0 ? ", \(count(.notApplicable)) not applicable" : ""
        let runs =
            variants.count > 1
            ? "\(folders.count) scenarios × \(variants.count) variants = \(results.count) runs"
            : "\(results.count) scenarios"
        print(
            "\(runs): \(count(.passed)) passed, \(count(.failed)) failed, \(count(.skipped)) skipped, \(count(.error)) errors\(notApplicable)"
        )
        if let junit { try Reports.junit(results).write(toFile: junit, atomically: true, encoding: .utf8) }
        if let json { try Reports.json(results).write(to: URL(fileURLWithPath: json)) }
        if count(.failed) + count(.error) + disagreements.count > 0 { throw ExitCode(1) }
    }
}

/// `ebauth deploy BUNDLE --world FILE.yml`.
public struct DeployCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract:
            "Deploy one source bundle (folder or .zip) into the AWS world a scenario file describes; print the logs and the diagnosis."
    )

    @Argument(help: "The source bundle, a folder or a .zip.")
    var bundle: String

    @Option(help: "A scenario.yml describing the world (its expect: is checked too).")
    var world: String

    public init() {}

    public func run() throws {
        var text = try String(contentsOfFile: world, encoding: .utf8)
        // An ad-hoc world need not say what should happen: then the exit status is the
        // deployment's own (0 when it succeeded).
        let hasExpectation = text.split(separator: "\n").contains { $0.hasPrefix("expect:") }
        if !hasExpectation { text += "\nexpect: {outcome: failed, failure: {step: bundle, message: \"(none)\"}}\n" }
        let scenario = try Scenario.parse(text, file: world)
        let folder = (world as NSString).deletingLastPathComponent
        let result = ScenarioRun.replay(
            folder: folder.isEmpty ? "." : folder, bundleOverride: bundle, scenarioOverride: scenario)
        if let report = result.report { print(report.text, terminator: "") }
        guard hasExpectation else {
            let succeeded = result.report?.succeeded ?? false
            print(
                succeeded
                    ? "deployment succeeded"
                    : "deployment failed"
                        + (result.status == .error || result.status == .skipped ? ": \(result.reason ?? "")" : ""))
            if !succeeded { throw ExitCode(1) }
            return
        }
        print("\(result.status.rawValue): \(result.name)" + (result.reason.map { " — \($0)" } ?? ""))
        if result.status != .passed { throw ExitCode(1) }
    }
}
