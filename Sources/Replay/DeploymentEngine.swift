import Beanstalk
import Foundation

/// The platform engine of one emulated instance: runs a scenario's deployments in Beanstalk's
/// order (EB-SPEC §A.2) as a client of the mock over HTTP.
public final class DeploymentEngine {
    let scenario: Scenario
    let bundle: String
    let http: LocalHTTPClient
    let endpoint: String
    let world: SeededWorld
    let sandbox: InstanceSandbox
    let puller: any ImagePuller
    let hooks: HookRunner
    var report = DeploymentReport()
    var staged: StagedBundle?
    var properties: [String: String] = [:]
    var extensions: EBExtensions?

    struct Stop: Error {}

    public init(
        scenario: Scenario, bundle: String, http: LocalHTTPClient, endpoint: String, world: SeededWorld,
        sandbox: InstanceSandbox,
        puller: any ImagePuller
    ) {
        self.scenario = scenario
        self.bundle = bundle
        self.http = http
        self.endpoint = endpoint
        self.world = world
        self.sandbox = sandbox
        self.puller = puller
        hooks = HookRunner(sandbox: sandbox, platform: scenario.platform)
    }

    var staging: String { sandbox.directory + "/var/app/staging" }

    public func run() -> DeploymentReport {
        let deployments: [(kind: Scenario.Deployment.Kind, environment: [String: String])] =
            scenario.deployments.isEmpty
            ? [(.application, [:])] : scenario.deployments.map { ($0.kind, $0.environment) }
        for (index, deployment) in deployments.enumerated() {
            report.deployment = index
            do {
                try deploy(deployment)
            } catch {
                break
            }
        }
        return report
    }

    /// Stops the command as the platform engine does: the error and the cleanup in
    /// eb-engine.log, the events, and the failure (with IAM's decision for a denial) in the report.
    func fail(_ failure: DeploymentFailure, instruction: String, command: String) -> Stop {
        report.log.error(
            "An error occurred during execution of command [\(command)] - [\(instruction)]. Stop running the command. "
                + "Error: \(failure.error)")
        report.log.info("Executing cleanup logic")
        report.log.info(
            #"CommandService Response: {"status":"FAILURE","api_version":"1.0","results":[{"status":"FAILURE","msg":"Engine execution has encountered an error.","returncode":1,"events":[{"msg":"Instance deployment failed. For details, see 'eb-engine.log'.","severity":"ERROR"}]}]}"#
        )
        report.log.info("Platform Engine finished execution on command: \(command)")
        if let event = failure.event { report.log.event(event) }
        report.log.event("Instance deployment failed. For details, see 'eb-engine.log'.")
        report.log.event(
            "[Instance: \(world.instanceID)] Command failed on instance. Return code: 1 Output: Engine execution has "
                + "encountered an error..")
        var decisionURL: String?
        var decision: String?
        if let requestID = failure.deniedRequest {
            decisionURL = "\(endpoint)/_ebauth/decisions?requestId=\(requestID)"
            if let reply = try? http.send("GET", "/_ebauth/decisions?requestId=\(requestID)"), reply.status == 200 {
                decision = reply.text
            }
        }
        report.failure = .init(
            step: failure.step, kind: failure.kind, message: failure.message, diagnosis: failure.diagnosis,
            decisionURL: decisionURL, decision: decision)
        return Stop()
    }

    /// Runs one instruction's work; a `DeploymentFailure` it throws stops the command.
    func instruction<Value>(_ name: String, command: String, _ work: () throws -> Value) throws -> Value {
        do {
            return try work()
        } catch let failure as DeploymentFailure {
            throw fail(failure, instruction: name, command: command)
        }
    }

    func deploy(_ deployment: (kind: Scenario.Deployment.Kind, environment: [String: String])) throws {
        let application = deployment.kind == .application
        let command = application ? "app-deploy" : "config-deploy"
        let hookRoot = application ? ".platform/hooks" : ".platform/confighooks"
        report.log.info("Engine command: (\(command))")
        for (key, value) in deployment.environment {
            if value.isEmpty { properties.removeValue(forKey: key) } else { properties[key] = value }
        }
        if application || staged == nil {
            report.log.info("Executing instruction: StageApplication")
            try stage()
            report.log.info("Executing instruction: PreBuildEbExtension")
            try loadExtensions(command: command)
        }
        try resolveProperties(command: command, overrides: deployment.environment)
        try installGetConfig()
        if application {
            try runCommands(extensions?.commands ?? [], instruction: "PreBuildEbExtension", command: command)
        }
        try runHooks(
            phase: "prebuild", root: hookRoot,
            instruction: application ? "RunAppDeployPreBuildHooks" : "RunConfigDeployPreBuildHooks", command: command)
        try pullImages(command: command)
        if application {
            try runCommands(extensions?.containerCommands ?? [], instruction: "PostBuildEbExtension", command: command)
        }
        try runHooks(
            phase: "predeploy", root: hookRoot,
            instruction: application ? "RunAppDeployPreDeployHooks" : "RunConfigDeployPreDeployHooks", command: command)
        report.log.info("Executing instruction: FlipApplication")
        try runHooks(
            phase: "postdeploy", root: hookRoot,
            instruction: application ? "RunAppDeployPostDeployHooks" : "RunConfigDeployPostDeployHooks",
            command: command)
        report.log.info("Platform Engine finished execution on command: \(command)")
        report.log.event(
            application ? "Instance deployment completed successfully." : "Environment update completed successfully.")
    }

    func stage() throws {
        try? FileManager.default.removeItem(atPath: staging)
        try? FileManager.default.createDirectory(
            atPath: sandbox.directory + "/var/app", withIntermediateDirectories: true)
        do {
            staged = try SourceBundle.stage(bundle, into: staging)
        } catch {
            let failure = DeploymentFailure(
                .bundle, .malformed, error: error.message,
                event: "Instance deployment: \(error.message) The deployment failed.",
                diagnosis: "The source bundle cannot be extracted (\(error.message)); rebuild the archive from the "
                    + "application folder's contents.")
            throw fail(failure, instruction: "StageApplication", command: "app-deploy")
        }
        report.log.info("extracting \(bundle) to \(staging)/")
    }

    func loadExtensions(command: String) throws {
        guard let staged else { return }
        do {
            extensions = try EBExtensions.load(from: staged, versionLabel: scenario.versionLabel)
        } catch {
            let failure = DeploymentFailure(
                .ebextensions, .malformed, error: error.message, event: error.message,
                diagnosis: "A .ebextensions file is not valid YAML or JSON; fix the file named in the event "
                    + "(spaces, not tabs, for indentation).")
            throw fail(failure, instruction: "PreBuildEbExtension", command: command)
        }
    }

    var port: String {
        if let staged, let app = try? DockerApplication.load(from: staged, platform: scenario.platform),
            let first = app.dockerrun?.ports?.first?.containerPort
        {
            return first
        }
        return "8080"
    }

    func installGetConfig() throws {
        var options: [String: [String: String]] = [OptionSetting.environmentNamespace: properties]
        for setting in extensions?.optionSettings ?? [] where setting.namespace != OptionSetting.environmentNamespace {
            options[setting.namespace, default: [:]][setting.optionName] = setting.value
        }
        let tool = GetConfigTool(
            environment: properties,
            container: GetConfigTool.container(environmentName: scenario.name.prefix(40).description, port: port),
            optionSettings: options, platformConfig: GetConfigTool.platformConfig(port: port))
        try tool.install(in: sandbox.optEB)
    }

    func runCommands(_ commands: [EBCommand], instruction: String, command: String) throws {
        for entry in commands {
            report.log.info("Running command \(entry.name) from \(entry.file)")
            let argv: [String]
            switch entry.command {
            case .shell(let line): argv = ["/bin/sh", "-c", line]
            case .arguments(let list): argv = list
            }
            var environment = properties
            for (key, value) in entry.env { environment[key] = value }
            let cwd = entry.cwd.map { $0.hasPrefix("/") ? $0 : staging + "/" + $0 } ?? staging
            let directory = FileManager.default.fileExists(atPath: cwd) ? cwd : staging
            let outcome = hooks.execute(argv, cwd: directory, environment: environment, port: port)
            report.log.hookOutput(outcome.stdout + outcome.stderr)
            if outcome.status != 0 && !entry.ignoreErrors {
                let failure = DeploymentFailure(
                    .ebextensions, .commandFailed,
                    error: "Command \(entry.name) (\(entry.file)) failed with error exit status \(outcome.status). "
                        + "Stderr:\(outcome.stderr)",
                    event: "Error: EbExtension build failed. Please refer to /var/log/cfn-init.log for more details.",
                    diagnosis: "The .ebextensions command \(entry.name) exited with \(outcome.status); run it by hand "
                        + "on the instance to see why.")
                throw fail(failure, instruction: instruction, command: command)
            }
        }
    }

    func runHooks(phase: String, root: String, instruction: String, command: String) throws {
        report.log.info("Executing instruction: \(instruction)")
        let folder = "\(root)/\(phase)/"
        report.log.info("Executing platform hooks in \(folder)")
        guard let staged, staged.files.contains(where: { $0.path == String(folder.dropLast()) }) else {
            report.log.info("The dir \(folder) does not exist")
            report.log.info("Finished running scripts in /var/app/staging/\(folder.dropLast())")
            return
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: staging + "/" + folder)) ?? []).sorted()
        report.log.info("Following platform hooks will be executed in order: [\(entries.joined(separator: " "))]")
        for name in entries {
            let relative = folder + name
            report.log.info("Running platform hook: \(relative)")
            switch hooks.run(relative: relative, cwd: staging, environment: properties, port: port) {
            case .succeeded(let outcome):
                report.log.hookOutput(outcome.stdout + outcome.stderr)
            case .failed(let detail, let outcome):
                if let outcome { report.log.hookOutput(outcome.stdout + outcome.stderr) }
                let failure = DeploymentFailure(
                    .hook, .commandFailed, error: "Command \(relative) failed with error \(detail)",
                    diagnosis: Diagnosis.hook(
                        relative: relative, detail: detail, platform: scenario.platform,
                        confighooks: root.hasSuffix("confighooks")))
                throw fail(failure, instruction: instruction, command: command)
            }
        }
        report.log.info("Finished running scripts in /var/app/staging/\(folder.dropLast())")
    }
}
