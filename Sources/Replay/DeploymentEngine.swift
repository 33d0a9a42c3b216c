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
        scenario: Scenario, bundle: String, http: LocalHTTPClient, endpoint: String, world: SeededWorld, sandbox: InstanceSandbox,
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
            scenario.deployments.isEmpty ? [(.application, [:])] : scenario.deployments.map { ($0.kind, $0.environment) }
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

    func fail(
        _ step: Scenario.Expectation.Step, instruction: String, command: String, error: String, event: String? = nil,
        diagnosis: String, requestID: String? = nil
    ) -> Stop {
        report.log.error(
            "An error occurred during execution of command [\(command)] - [\(instruction)]. Stop running the command. Error: \(error)")
        report.log.info("Executing cleanup logic")
        report.log.info(
            #"CommandService Response: {"status":"FAILURE","api_version":"1.0","results":[{"status":"FAILURE","msg":"Engine execution has encountered an error.","returncode":1,"events":[{"msg":"Instance deployment failed. For details, see 'eb-engine.log'.","severity":"ERROR"}]}]}"#)
        report.log.info("Platform Engine finished execution on command: \(command)")
        if let event { report.log.event(event) }
        report.log.event("Instance deployment failed. For details, see 'eb-engine.log'.")
        report.log.event("[Instance: \(world.instanceID)] Command failed on instance. Return code: 1 Output: Engine execution has encountered an error..")
        var decisionURL: String?
        var decision: String?
        if let requestID {
            decisionURL = "\(endpoint)/_ebauth/decisions?requestId=\(requestID)"
            if let reply = try? http.send("GET", "/_ebauth/decisions?requestId=\(requestID)"), reply.status == 200 { decision = reply.text }
        }
        report.failure = .init(step: step, message: event ?? error, diagnosis: diagnosis, decisionURL: decisionURL, decision: decision)
        return Stop()
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
        if application { try runCommands(extensions?.commands ?? [], instruction: "PreBuildEbExtension", command: command) }
        try runHooks(phase: "prebuild", root: hookRoot, instruction: application ? "RunAppDeployPreBuildHooks" : "RunConfigDeployPreBuildHooks", command: command)
        try pullImages(command: command)
        if application { try runCommands(extensions?.containerCommands ?? [], instruction: "PostBuildEbExtension", command: command) }
        try runHooks(phase: "predeploy", root: hookRoot, instruction: application ? "RunAppDeployPreDeployHooks" : "RunConfigDeployPreDeployHooks", command: command)
        report.log.info("Executing instruction: FlipApplication")
        try runHooks(phase: "postdeploy", root: hookRoot, instruction: application ? "RunAppDeployPostDeployHooks" : "RunConfigDeployPostDeployHooks", command: command)
        report.log.info("Platform Engine finished execution on command: \(command)")
        report.log.event(application ? "Instance deployment completed successfully." : "Environment update completed successfully.")
    }

    func stage() throws {
        try? FileManager.default.removeItem(atPath: staging)
        try? FileManager.default.createDirectory(atPath: sandbox.directory + "/var/app", withIntermediateDirectories: true)
        do {
            staged = try SourceBundle.stage(bundle, into: staging)
        } catch {
            throw fail(
                .bundle, instruction: "StageApplication", command: "app-deploy", error: error.message,
                event: "Instance deployment: \(error.message) The deployment failed.",
                diagnosis: "The source bundle cannot be extracted (\(error.message)); rebuild the archive from the application folder's contents.")
        }
        report.log.info("extracting \(bundle) to \(staging)/")
    }

    func loadExtensions(command: String) throws {
        guard let staged else { return }
        do {
            extensions = try EBExtensions.load(from: staged, versionLabel: scenario.versionLabel)
        } catch {
            throw fail(
                .ebextensions, instruction: "PreBuildEbExtension", command: command, error: error.message, event: error.message,
                diagnosis: "A .ebextensions file is not valid YAML or JSON; fix the file named in the event (spaces, not tabs, for indentation).")
        }
    }

    /// Option settings → environment properties, with dynamic references resolved by
    /// CloudFormation (the deployer's identity, `ssm:GetParameters`) and
    /// `environmentsecrets` fetched by the instance.
    func resolveProperties(command: String, overrides: [String: String]) throws {
        let settings = extensions?.optionSettings ?? []
        let plan: DynamicReferencePlan
        do {
            plan = try DynamicReferencePlan(settings: settings)
        } catch {
            throw fail(
                .ebextensions, instruction: "PreBuildEbExtension", command: command, error: error.message,
                event: "Service:AmazonCloudFormation, Message:\(error.message)",
                diagnosis: error.message.hasPrefix("SSM Secure")
                    ? "CloudFormation refuses {{resolve:ssm-secure:…}} in Beanstalk option settings; store the value as a String parameter or use aws:elasticbeanstalk:application:environmentsecrets (platforms from 2025-03-26)."
                    : "A dynamic reference is malformed: \(error.message)")
        }
        var resolved: [DynamicReference: String] = [:]
        var missing: [DynamicReference] = []
        var denied: AWSCallError?
        let deployer = AWSClient(http: http, credentials: world.deployer, region: scenario.region)
        for reference in plan.references {
            if case .secretsManager(let secretID, let jsonKey, let stage, let versionID) = reference {
                // CloudFormation reads the secret with the deployer's identity, like SSM references.
                var body: [String: Any] = ["SecretId": secretID]
                if let stage, !stage.isEmpty { body["VersionStage"] = stage }
                if let versionID, !versionID.isEmpty { body["VersionId"] = versionID }
                do {
                    let text = SecretValue.text(of: try deployer.json(
                        service: "secretsmanager", target: "secretsmanager", operation: "GetSecretValue", body: body))
                    if let jsonKey, !jsonKey.isEmpty {
                        guard let value = SecretValue.field(jsonKey, of: text) else {
                            throw fail(
                                .ebextensions, instruction: "PreBuildEbExtension", command: command,
                                error: "Could not parse SecretString JSON", event: "Service:AmazonCloudFormation, Message:Could not parse SecretString JSON",
                                diagnosis: "The secret \(secretID) has no top-level JSON key \(jsonKey); fix the reference or the secret's value.")
                        }
                        resolved[reference] = value
                    } else {
                        resolved[reference] = text
                    }
                } catch let error as AWSCallError {
                    let message = "\(error.message) (Service: AWSSecretsManager; Status Code: \(error.status); Error Code: \(error.code); Request ID: \(error.requestID ?? ""))"
                    throw fail(
                        .ebextensions, instruction: "PreBuildEbExtension", command: command, error: message,
                        event: "Service:AmazonCloudFormation, Message:\(message)",
                        diagnosis: error.isAccessDenied
                            ? "The deployer \(world.deployerARN) may not read the secret \(secretID) (\(error.message)); allow secretsmanager:GetSecretValue on it for whoever deploys."
                            : "The secret \(secretID) referenced by {{resolve:secretsmanager:…}} cannot be read (\(error.code)): \(error.message)",
                        requestID: error.isAccessDenied ? error.requestID : nil)
                }
                continue
            }
            guard case .ssmGetParameters(let selector, let decrypt) = reference.lookup else {
                missing.append(reference)
                continue
            }
            do {
                let answer = try deployer.json(
                    service: "ssm", target: "AmazonSSM", operation: "GetParameters", body: ["Names": [selector], "WithDecryption": decrypt])
                if let parameter = (answer["Parameters"] as? [[String: Any]])?.first, let value = parameter["Value"] as? String {
                    resolved[reference] = value
                } else {
                    missing.append(reference)
                }
            } catch let error as AWSCallError {
                if error.isAccessDenied { denied = error }
                missing.append(reference)
            }
        }
        if !missing.isEmpty {
            let message = DynamicReferencePlan.failure(missing: missing).message
            let diagnosis: String
            if let denied {
                diagnosis = "The deployer \(world.deployerARN) may not read the parameter (\(denied.message)); allow ssm:GetParameters on it for whoever deploys."
            } else {
                diagnosis = "The referenced parameter or version does not exist in \(scenario.region); create it (aws ssm put-parameter) or fix the name/version in the reference."
            }
            throw fail(
                .ebextensions, instruction: "PreBuildEbExtension", command: command, error: message,
                event: "Service:AmazonCloudFormation, Message:\(message)", diagnosis: diagnosis, requestID: denied?.requestID)
        }
        var values: [String: String] = [:]
        for setting in settings where setting.namespace == OptionSetting.environmentNamespace {
            let matches = (try? DynamicReferenceParser.scan(setting.value)) ?? []
            values[setting.optionName] = DynamicReferenceParser.substitute(setting.value, matches, resolved: resolved)
        }
        // Settings on the environment itself win over .ebextensions.
        for (key, value) in scenario.environment { values[key] = value }
        for (key, value) in properties { values[key] = value }
        for (key, value) in overrides where value.isEmpty { values.removeValue(forKey: key) }
        try fetchSecrets(into: &values, command: command)
        properties = values
    }

    func fetchSecrets(into values: inout [String: String], command: String) throws {
        let secrets = extensions?.environmentSecrets ?? [:]
        guard !secrets.isEmpty else { return }
        let event = SecretReference.failureEvent
        guard scenario.platform.supportsEnvironmentSecrets else {
            throw fail(
                .ebextensions, instruction: "PreBuildEbExtension", command: command, error: event, event: event,
                diagnosis: "aws:elasticbeanstalk:application:environmentsecrets needs a platform released on or after 2025-03-26; this one is \(scenario.platform.released). Update the platform version.")
        }
        let instance: AWSClient
        do {
            instance = AWSClient(http: http, credentials: try InstanceMetadataClient(http: http, instanceID: world.instanceID).roleCredentials(), region: scenario.region)
        } catch {
            throw fail(.ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(error)", event: event, diagnosis: "The instance has no role credentials: \(error)")
        }
        for name in secrets.keys.sorted() {
            switch SecretReference.parse(secrets[name]!) {
            case .ssmParameter(_, let region, _, let parameter):
                do {
                    let answer = try instance.with(region: region).json(
                        service: "ssm", target: "AmazonSSM", operation: "GetParameter", body: ["Name": parameter, "WithDecryption": true])
                    values[name] = ((answer["Parameter"] as? [String: Any])?["Value"] as? String) ?? ""
                } catch let error as AWSCallError {
                    throw fail(
                        .ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(event): \(error)", event: event,
                        diagnosis: error.isAccessDenied
                            ? "Role \(scenario.instanceProfile.role) may not read \(parameter) (\(error.message)); allow ssm:GetParameter on it (and kms:Decrypt for a customer-managed key)."
                            : "The parameter \(parameter) named by \(name) does not exist in \(region) (\(error.code)); create it or fix the ARN.",
                        requestID: error.isAccessDenied ? error.requestID : nil)
                }
            case .secretsManager(let arn, let region, _, _, let jsonKey):
                if jsonKey != nil && !scenario.platform.supportsSecretJSONKeys {
                    throw fail(
                        .ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(event): JSON key in \(name)", event: event,
                        diagnosis: "\(name) names a JSON key of a secret (…:secret:NAME-XXXXXX:KEY), which needs a platform released on or after 2026-01-13; this one is \(scenario.platform.released). Update the platform or store the value in its own secret.")
                }
                let text: String
                do {
                    let answer = try instance.with(region: region).json(
                        service: "secretsmanager", target: "secretsmanager", operation: "GetSecretValue", body: ["SecretId": arn])
                    text = SecretValue.text(of: answer)
                } catch let error as AWSCallError {
                    throw fail(
                        .ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(event): \(error)", event: event,
                        diagnosis: SecretValue.diagnosis(error, arn: arn, variable: name, role: scenario.instanceProfile.role, region: region),
                        requestID: error.isAccessDenied ? error.requestID : nil)
                }
                if let jsonKey {
                    guard let value = SecretValue.field(jsonKey, of: text) else {
                        throw fail(
                            .ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(event): no key \(jsonKey) in \(arn)", event: event,
                            diagnosis: "The secret \(arn) named by \(name) is not a JSON object with a top-level key \(jsonKey); fix the key after the ARN or the secret's value.")
                    }
                    values[name] = value
                } else {
                    values[name] = text
                }
            case .invalid(let text):
                throw fail(
                    .ebextensions, instruction: "PreBuildEbExtension", command: command, error: "\(event): invalid ARN \(text)", event: event,
                    diagnosis: "\(name) is not a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX) nor an SSM parameter ARN; copy the ARN from the console.")
            }
        }
    }

    var port: String {
        if let staged, let app = try? DockerApplication.load(from: staged, platform: scenario.platform),
            let first = app.dockerrun?.ports?.first?.containerPort
        { return first }
        return "8080"
    }

    func installGetConfig() throws {
        var options: [String: [String: String]] = [OptionSetting.environmentNamespace: properties]
        for setting in extensions?.optionSettings ?? [] where setting.namespace != OptionSetting.environmentNamespace {
            options[setting.namespace, default: [:]][setting.optionName] = setting.value
        }
        let tool = GetConfigTool(
            environment: properties, container: GetConfigTool.container(environmentName: scenario.name.prefix(40).description, port: port),
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
            let outcome = hooks.execute(argv, cwd: FileManager.default.fileExists(atPath: cwd) ? cwd : staging, environment: environment, port: port)
            report.log.hookOutput(outcome.stdout + outcome.stderr)
            if outcome.status != 0 && !entry.ignoreErrors {
                throw fail(
                    .ebextensions, instruction: instruction, command: command,
                    error: "Command \(entry.name) (\(entry.file)) failed with error exit status \(outcome.status). Stderr:\(outcome.stderr)",
                    event: "Error: EbExtension build failed. Please refer to /var/log/cfn-init.log for more details.",
                    diagnosis: "The .ebextensions command \(entry.name) exited with \(outcome.status); run it by hand on the instance to see why.")
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
                throw fail(
                    .hook, instruction: instruction, command: command, error: "Command \(relative) failed with error \(detail)",
                    diagnosis: Diagnosis.hook(relative: relative, detail: detail, platform: scenario.platform, confighooks: root.hasSuffix("confighooks")))
            }
        }
        report.log.info("Finished running scripts in /var/app/staging/\(folder.dropLast())")
    }
}
