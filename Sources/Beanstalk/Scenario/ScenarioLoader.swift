import Foundation
import Yams

extension Scenario {
    static let topLevelKeys = [
        "name", "description", "source", "flow", "platform", "platformReleased", "account", "region", "versionLabel",
        "instanceProfile", "deployer", "ssm", "secretsManager", "s3", "ecr", "registries", "environment",
        "deployments", "expect",
    ]

    /// Reads `folder/scenario.yml` and checks that the bundle (`bundle/` or `bundle.zip`) is there.
    public static func load(folder: String) throws(ScenarioError) -> (scenario: Scenario, bundle: String) {
        let file = folder + "/scenario.yml"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ScenarioError(file: file, key: "", problem: "cannot be read")
        }
        let scenario = try parse(String(decoding: data, as: UTF8.self), file: file)
        for candidate in ["bundle", "bundle.zip"] where FileManager.default.fileExists(atPath: folder + "/" + candidate)
        {
            return (scenario, folder + "/" + candidate)
        }
        throw ScenarioError(file: file, key: "", problem: "the scenario has no bundle/ folder or bundle.zip beside it")
    }

    /// Decodes and validates a scenario document. `file` is only used in messages.
    public static func parse(_ text: String, file: String = "scenario.yml") throws(ScenarioError) -> Scenario {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(file: file, key: "", problem: "is not valid YAML: \(error)")
        }
        let root = try ScenarioNode(node, path: "", file: file).mapping(allowed: topLevelKeys)

        let branchName = try root["platform"].oneOf(Platform.Branch.allCases.map(\.rawValue))
        let releasedNode = root["platformReleased"]
        let releasedText = try releasedNode.string()
        guard let released = PlatformDate(releasedText) else {
            throw releasedNode.error("'\(releasedText)' is not a date written YYYY-MM-DD")
        }
        let account = try root["account"].optionalString() ?? "000000000000"
        if !isAccount(account) { throw root["account"].error("'\(account)' is not a 12-digit account id") }
        let region = try root["region"].optionalString() ?? "us-east-1"
        if !isRegion(region) { throw root["region"].error("'\(region)' is not a region name such as us-east-2") }

        var sources = try root["source"].optionalString().map { [$0] } ?? []
        if sources.isEmpty, root["source"].node?.sequence != nil { sources = try root["source"].strings() }

        let scenario = Scenario(
            name: try nonEmpty(root["name"]),
            description: try root["description"].optionalString(),
            sources: sources,
            flow: Flow(rawValue: try root["flow"].oneOf(Flow.allCases.map(\.rawValue)))!,
            platform: Platform(branch: Platform.Branch(rawValue: branchName)!, released: released),
            account: account,
            region: region,
            versionLabel: try root["versionLabel"].optionalString() ?? "app-version-1",
            instanceProfile: try instanceProfile(root["instanceProfile"]),
            deployer: try deployer(root["deployer"]),
            ssmParameters: try ssmParameters(root["ssm"]),
            secrets: try secrets(root["secretsManager"]),
            buckets: try buckets(root["s3"]),
            repositories: try repositories(root["ecr"]),
            registries: try registries(root["registries"]),
            environment: try root["environment"].stringMap(),
            deployments: try deployments(root["deployments"]),
            expect: try expectation(root["expect"])
        )
        if let index = scenario.expect.deployment, index >= scenario.deployments.count {
            throw root["expect"]["deployment"].error("there are only \(scenario.deployments.count) deployments")
        }
        return scenario
    }

    private static func nonEmpty(_ node: ScenarioNode) throws(ScenarioError) -> String {
        let value = try node.string()
        if value.trimmingCharacters(in: .whitespaces).isEmpty { throw node.error("must not be empty") }
        return value
    }

    private static func policies(_ node: ScenarioNode) throws(ScenarioError) -> [InlinePolicy] {
        try node.items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["name", "document"])
            return InlinePolicy(name: try nonEmpty(entry["name"]), document: try entry["document"].policyDocument())
        }
    }

    private static func instanceProfile(_ node: ScenarioNode) throws(ScenarioError) -> InstanceProfile {
        guard !node.isMissing else {
            return InstanceProfile(role: "aws-elasticbeanstalk-ec2-role", managedPolicies: [], inlinePolicies: [])
        }
        let profile = try node.mapping(allowed: ["role", "managedPolicies", "inlinePolicies"])
        return InstanceProfile(
            role: try profile["role"].optionalString() ?? "aws-elasticbeanstalk-ec2-role",
            managedPolicies: try profile["managedPolicies"].strings(),
            inlinePolicies: try policies(profile["inlinePolicies"])
        )
    }

    private static func deployer(_ node: ScenarioNode) throws(ScenarioError) -> Deployer? {
        guard !node.isMissing else { return nil }
        let entry = try node.mapping(allowed: ["name", "managedPolicies", "inlinePolicies"])
        return Deployer(
            name: try entry["name"].optionalString() ?? "deployer",
            managedPolicies: try entry["managedPolicies"].strings(),
            inlinePolicies: try policies(entry["inlinePolicies"])
        )
    }

    private static func ssmParameters(_ node: ScenarioNode) throws(ScenarioError) -> [SSMParameter] {
        guard !node.isMissing else { return [] }
        let section = try node.mapping(allowed: ["parameters"])
        return try section["parameters"].items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["name", "type", "value", "values", "region"])
            let type = try entry["type"].oneOf(SSMParameter.Kind.allCases.map(\.rawValue), default: "String")
            var values = try entry["values"].strings()
            if let value = try entry["value"].optionalString() {
                if !values.isEmpty { throw entry["values"].error("give either value or values, not both") }
                values = [value]
            }
            if values.isEmpty { throw entry["value"].error("is required (or values: for several versions)") }
            return SSMParameter(
                name: try nonEmpty(entry["name"]), type: SSMParameter.Kind(rawValue: type)!, values: values,
                region: try entry["region"].optionalString())
        }
    }

    private static func secrets(_ node: ScenarioNode) throws(ScenarioError) -> [Secret] {
        guard !node.isMissing else { return [] }
        let section = try node.mapping(allowed: ["secrets"])
        return try section["secrets"].items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["name", "value", "region", "deleted"])
            return Secret(
                name: try nonEmpty(entry["name"]), value: try entry["value"].string(),
                region: try entry["region"].optionalString(), deleted: try entry["deleted"].bool(default: false))
        }
    }

    private static func buckets(_ node: ScenarioNode) throws(ScenarioError) -> [Bucket] {
        guard !node.isMissing else { return [] }
        let section = try node.mapping(allowed: ["buckets"])
        return try section["buckets"].items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["name", "region", "objects", "policy"])
            let objects = try entry["objects"].items().map { object throws(ScenarioError) in
                try self.object(object)
            }
            let policyNode = entry["policy"]
            return Bucket(
                name: try nonEmpty(entry["name"]), region: try entry["region"].optionalString(), objects: objects,
                policy: policyNode.isMissing ? nil : try policyNode.policyDocument())
        }
    }

    private static func object(_ node: ScenarioNode) throws(ScenarioError) -> Object {
        let entry = try node.mapping(allowed: ["key", "dockerAuth", "content", "file"])
        let given = ["dockerAuth", "content", "file"].filter { !entry[$0].isMissing }
        guard given.count == 1 else {
            throw node.error(
                "give exactly one of dockerAuth, content or file (found \(given.isEmpty ? "none" : given.joined(separator: ", ")))"
            )
        }
        let content: Object.Content
        switch given[0] {
        case "dockerAuth":
            let auth = try entry["dockerAuth"].mapping(allowed: [
                "registry", "user", "password", "format", "email", "credsStore",
            ])
            let format = try auth["format"].oneOf(
                DockerAuthSpec.Format.allCases.map(\.rawValue), default: "config.json")
            let credsStore = try auth["credsStore"].optionalString()
            if credsStore != nil && format == "dockercfg" {
                throw auth["credsStore"].error("only a config.json file can name a credential store")
            }
            content = .dockerAuth(
                DockerAuthSpec(
                    registry: try auth["registry"].optionalString(),
                    user: try auth["user"].string(),
                    password: try auth["password"].string(),
                    format: DockerAuthSpec.Format(rawValue: format)!,
                    email: try auth["email"].optionalString(),
                    credsStore: credsStore
                ))
        case "content":
            content = .inline(try entry["content"].string())
        default:
            let path = try entry["file"].string()
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                throw entry["file"].error("'\(path)' must be a path inside the scenario folder")
            }
            content = .file(path)
        }
        return Object(key: try nonEmpty(entry["key"]), content: content)
    }

    private static func repositories(_ node: ScenarioNode) throws(ScenarioError) -> [Repository] {
        guard !node.isMissing else { return [] }
        let section = try node.mapping(allowed: ["repositories"])
        return try section["repositories"].items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["name", "account", "region", "images", "policy"])
            let tags = try entry["images"].items().map { image throws(ScenarioError) in
                try image.mapping(allowed: ["tag"])["tag"].optionalString() ?? "latest"
            }
            if let account = try entry["account"].optionalString(), !isAccount(account) {
                throw entry["account"].error("'\(account)' is not a 12-digit account id")
            }
            let policyNode = entry["policy"]
            return Repository(
                name: try nonEmpty(entry["name"]), account: try entry["account"].optionalString(),
                region: try entry["region"].optionalString(), tags: tags,
                policy: policyNode.isMissing ? nil : try policyNode.policyDocument())
        }
    }

    private static func registries(_ node: ScenarioNode) throws(ScenarioError) -> [RegistrySpec] {
        try node.items().map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["host", "auth", "users", "images"])
            let users = try entry["users"].items().map { user throws(ScenarioError) in
                let fields = try user.mapping(allowed: ["user", "password"])
                return User(user: try nonEmpty(fields["user"]), password: try fields["password"].string())
            }
            let images = try entry["images"].items().map { image throws(ScenarioError) in
                let fields = try image.mapping(allowed: ["repository", "tag"])
                return RegistryImage(
                    repository: try nonEmpty(fields["repository"]), tag: try fields["tag"].optionalString() ?? "latest")
            }
            return RegistrySpec(
                host: try nonEmpty(entry["host"]),
                auth: RegistrySpec.Auth(
                    rawValue: try entry["auth"].oneOf(RegistrySpec.Auth.allCases.map(\.rawValue), default: "basic"))!,
                users: users, images: images)
        }
    }

    private static func deployments(_ node: ScenarioNode) throws(ScenarioError) -> [Deployment] {
        let items = try node.items()
        if items.isEmpty { return [Deployment(kind: .application, environment: [:])] }
        return try items.map { item throws(ScenarioError) in
            let entry = try item.mapping(allowed: ["type", "environment"])
            let kind = Deployment.Kind(rawValue: try entry["type"].oneOf(Deployment.Kind.allCases.map(\.rawValue)))!
            let environment = try entry["environment"].stringMap()
            if kind == .configuration && environment.isEmpty {
                throw entry["environment"].error(
                    "a configuration deployment must change at least one environment property")
            }
            return Deployment(kind: kind, environment: environment)
        }
    }

    private static func expectation(_ node: ScenarioNode) throws(ScenarioError) -> Expectation {
        let entry = try node.mapping(allowed: ["outcome", "images", "failure", "deployment"])
        let outcome = Expectation.Outcome(
            rawValue: try entry["outcome"].oneOf(Expectation.Outcome.allCases.map(\.rawValue)))!
        let imageNodes = try entry["images"].items()
        var images: [String] = []
        for node in imageNodes {
            let image = try node.string()
            do {
                _ = try ImageReference.parse(image)
            } catch {
                throw node.error("'\(image)' is not an image reference: \(error.message)")
            }
            images.append(image)
        }
        var failure: Expectation.Failure?
        if !entry["failure"].isMissing {
            let fields = try entry["failure"].mapping(allowed: ["step", "message", "pullerMessages"])
            var pullerMessages: [String: String] = [:]
            if !fields["pullerMessages"].isMissing {
                let byPuller = try fields["pullerMessages"].mapping(allowed: ["builtin", "skopeo", "docker"])
                for puller in ["builtin", "skopeo", "docker"] where !byPuller[puller].isMissing {
                    pullerMessages[puller] = try nonEmpty(byPuller[puller])
                }
            }
            failure = Expectation.Failure(
                step: Expectation.Step(rawValue: try fields["step"].oneOf(Expectation.Step.allCases.map(\.rawValue)))!,
                message: try nonEmpty(fields["message"]), pullerMessages: pullerMessages)
        }
        switch outcome {
        case .pulled where failure != nil:
            throw entry["failure"].error("an expected pull cannot also expect a failure")
        case .pulled where images.isEmpty:
            throw entry["images"].error("list the images that must be pulled")
        case .failed where failure == nil:
            throw entry["failure"].error("is required when the outcome is failed")
        default:
            break
        }
        var deployment: Int?
        if let text = try entry["deployment"].optionalString() {
            guard let index = Int(text), index >= 0 else {
                throw entry["deployment"].error("must be a deployment index (0, 1, …)")
            }
            deployment = index
        }
        return Expectation(outcome: outcome, images: images, failure: failure, deployment: deployment)
    }

    private static func isAccount(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `us-east-2`, `eu-central-1`, `us-gov-west-1`, `cn-north-1`.
    private static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            return false
        }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
