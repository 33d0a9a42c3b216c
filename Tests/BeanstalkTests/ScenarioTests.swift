import Foundation
import Testing

@testable import Beanstalk

@Suite("Scenario files")
struct ScenarioTests {
    /// DESIGN.md's example, completed.
    static let example = """
        name: ECR image pulled with the instance profile
        source: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/docker-configuration.remote-repo.html
        flow: s3
        platform: docker-al2023
        platformReleased: 2025-06-01
        account: "123456789012"
        region: us-east-2
        instanceProfile:
          role: aws-elasticbeanstalk-ec2-role
          managedPolicies: [AmazonEC2ContainerRegistryReadOnly]
          inlinePolicies:
            - name: pull-one-repo
              document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
            - name: as-json
              document: '{"Version": "2012-10-17", "Statement": []}'
        ssm:
          parameters:
            - {name: USER, type: String, value: johndoe}
            - {name: PASSWD, type: SecureString, values: [old, s3cret]}
        s3:
          buckets:
            - name: amzn-s3-demo-bucket
              region: us-east-2
              objects:
                - key: mydockercfg
                  dockerAuth: {registry: quay.io, user: johndoe, password: s3cret, format: dockercfg}
                - key: desktop.json
                  dockerAuth: {registry: quay.io, user: johndoe, password: s3cret, credsStore: desktop}
                - key: notes.txt
                  content: hello
                - key: raw
                  file: files/config.json
        ecr:
          repositories:
            - name: repository-name
              images: [{tag: latest}, {tag: "1.0"}]
        registries:
          - host: quay.io
            auth: basic
            users: [{user: johndoe, password: s3cret}]
            images: [{repository: johndoe/private-image, tag: latest}]
        deployments:
          - type: application
          - type: configuration
            environment: {USER: janedoe}
        expect:
          outcome: pulled
          images: [quay.io/johndoe/private-image:latest]
        """

    @Test("the DESIGN.md example decodes into value types")
    func example() throws {
        let scenario = try Scenario.parse(Self.example)
        #expect(scenario.flow == .s3)
        #expect(scenario.platform == Platform(branch: .dockerAL2023, released: PlatformDate(2025, 6, 1)))
        #expect(scenario.account == "123456789012")
        #expect(scenario.instanceProfile.managedPolicies == ["AmazonEC2ContainerRegistryReadOnly"])
        #expect(
            scenario.instanceProfile.inlinePolicies[0].document
                == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)
        #expect(scenario.instanceProfile.inlinePolicies[1].document == #"{"Version": "2012-10-17", "Statement": []}"#)
        #expect(scenario.ssmParameters[1].values == ["old", "s3cret"])
        #expect(scenario.ssmParameters[1].type == .secureString)
        #expect(scenario.buckets[0].objects.map(\.key) == ["mydockercfg", "desktop.json", "notes.txt", "raw"])
        #expect(scenario.buckets[0].objects[3].content == .file("files/config.json"))
        #expect(scenario.repositories[0].tags == ["latest", "1.0"])
        #expect(
            scenario.registries[0].images == [
                Scenario.RegistryImage(repository: "johndoe/private-image", tag: "latest")
            ])
        #expect(scenario.deployments.map(\.kind) == [.application, .configuration])
        #expect(scenario.deployments[1].environment == ["USER": "janedoe"])
        #expect(scenario.expect.outcome == .pulled)
        #expect(scenario.sources.count == 1)
    }

    @Test("a dockerAuth object renders the file the customer would have uploaded")
    func authFileContents() throws {
        let scenario = try Scenario.parse(Self.example)
        guard case .dockerAuth(let legacy) = scenario.buckets[0].objects[0].content,
            case .dockerAuth(let desktop) = scenario.buckets[0].objects[1].content
        else {
            Issue.record("expected dockerAuth objects")
            return
        }
        let legacyFile = try DockerAuthFile.parse(legacy.fileContents())
        #expect(legacyFile.format == .dockercfg)
        #expect(legacyFile.credentials(forRegistry: "quay.io").credential?.password == "s3cret")
        let desktopFile = try DockerAuthFile.parse(desktop.fileContents())
        #expect(desktopFile.credentials(forRegistry: "quay.io") == .missing(.credentialHelper(name: "desktop")))
        #expect(!"\(legacy)".contains("s3cret"))
        #expect(!"\(scenario.ssmParameters[1])".contains("s3cret"))
    }

    @Test("defaults: one application deployment, the default role, account and region")
    func defaults() throws {
        let scenario = try Scenario.parse(
            """
            name: minimal
            flow: ecr
            platform: ecs-al2
            platformReleased: 2022-01-15
            expect: {outcome: failed, failure: {step: hook, message: "permission denied"}}
            """)
        #expect(scenario.deployments == [Scenario.Deployment(kind: .application, environment: [:])])
        #expect(scenario.instanceProfile.role == "aws-elasticbeanstalk-ec2-role")
        #expect(scenario.account == "000000000000")
        #expect(scenario.region == "us-east-1")
        #expect(scenario.expect.failure == Scenario.Expectation.Failure(step: .hook, message: "permission denied"))
        #expect(!scenario.platform.grantsHookExecutePermission)
    }

    @Test(
        "validation names the bad key",
        arguments: [
            ("instanceProfil: {}", "instanceProfil", "unknown key"),
            (
                "instanceProfile: {role: r, managedPolicy: [x]}", "instanceProfile.managedPolicy",
                "unknown key (expected one of: role, managedPolicies, inlinePolicies)"
            ),
            (
                "platform: docker-al1", "platform",
                "'docker-al1' is not one of: docker-al2023, docker-al2, ecs-al2023, ecs-al2"
            ),
            ("platformReleased: 2025-02-30", "platformReleased", "'2025-02-30' is not a date written YYYY-MM-DD"),
            ("account: '12345'", "account", "'12345' is not a 12-digit account id"),
            ("region: Ohio", "region", "'Ohio' is not a region name such as us-east-2"),
            ("flow: ftp", "flow", "'ftp' is not one of: ecr, ssm, s3, secrets"),
            (
                "ssm: {parameters: [{name: A, type: Text, value: x}]}", "ssm.parameters[0].type",
                "'Text' is not one of: String, StringList, SecureString"
            ),
            (
                "ssm: {parameters: [{name: A}]}", "ssm.parameters[0].value",
                "is required (or values: for several versions)"
            ),
            (
                "s3: {buckets: [{name: b, objects: [{key: k, content: x, file: y}]}]}", "s3.buckets[0].objects[0]",
                "give exactly one of dockerAuth, content or file (found content, file)"
            ),
            (
                "s3: {buckets: [{name: b, objects: [{key: k, file: ../../etc/passwd}]}]}",
                "s3.buckets[0].objects[0].file",
                "'../../etc/passwd' must be a path inside the scenario folder"
            ),
            (
                "s3: {buckets: [{name: b, objects: [{key: k, dockerAuth: {user: u, password: p, format: ini}}]}]}",
                "s3.buckets[0].objects[0].dockerAuth.format", "'ini' is not one of: dockercfg, config.json"
            ),
            (
                "deployments: [{type: configuration}]", "deployments[0].environment",
                "a configuration deployment must change at least one environment property"
            ),
            (
                "instanceProfile: {inlinePolicies: [{name: p, document: 'not json'}]}",
                "instanceProfile.inlinePolicies[0].document",
                "must be a policy document (a mapping, or a JSON object as a string)"
            ),
        ])
    func validation(line: String, key: String, problem: String) {
        var lines = [
            "name: n", "flow: ecr", "platform: docker-al2", "platformReleased: 2024-01-01",
            "expect: {outcome: failed, failure: {step: pull, message: m}}",
        ]
        let overridden = line.split(separator: ":").first.map(String.init) ?? ""
        lines.removeAll { $0.hasPrefix(overridden + ":") }
        lines.append(line)
        do {
            _ = try Scenario.parse(lines.joined(separator: "\n"))
            Issue.record("expected \(key) to be refused")
        } catch {
            #expect(error.key == key)
            #expect(error.problem.hasPrefix(problem))
        }
    }

    @Test("expectations must be consistent")
    func expectations() {
        let base = "name: n\nflow: ecr\nplatform: docker-al2\nplatformReleased: 2024-01-01\n"
        #expect(
            throws: ScenarioError(
                file: "scenario.yml", key: "expect.failure", problem: "is required when the outcome is failed")
        ) {
            try Scenario.parse(base + "expect: {outcome: failed}")
        }
        #expect(
            throws: ScenarioError(
                file: "scenario.yml", key: "expect.images", problem: "list the images that must be pulled")
        ) {
            try Scenario.parse(base + "expect: {outcome: pulled}")
        }
        #expect(
            throws: ScenarioError(
                file: "scenario.yml", key: "expect.failure", problem: "an expected pull cannot also expect a failure")
        ) {
            try Scenario.parse(base + "expect: {outcome: pulled, images: [nginx], failure: {step: pull, message: x}}")
        }
        #expect(
            throws: ScenarioError(
                file: "scenario.yml", key: "expect.images[0]",
                problem:
                    "'Nginx' is not an image reference: invalid reference format: repository name (library/Nginx) must be lowercase"
            )
        ) {
            try Scenario.parse(base + "expect: {outcome: pulled, images: [Nginx]}")
        }
        #expect(
            throws: ScenarioError(
                file: "scenario.yml", key: "expect.deployment", problem: "there are only 1 deployments")
        ) {
            try Scenario.parse(base + "expect: {outcome: pulled, images: [nginx], deployment: 1}")
        }
    }

    @Test("a scenario folder needs its bundle beside scenario.yml")
    func folder() throws {
        let scratch = Scratch()
        _ = scratch.file("one/scenario.yml", Self.example)
        #expect(
            throws: ScenarioError(
                file: scratch.path + "/one/scenario.yml", key: "",
                problem: "the scenario has no bundle/ folder or bundle.zip beside it")
        ) {
            try Scenario.load(folder: scratch.path + "/one")
        }
        _ = scratch.file("one/bundle/Dockerrun.aws.json", "{}")
        #expect(try Scenario.load(folder: scratch.path + "/one").bundle == scratch.path + "/one/bundle")
        #expect(ScenarioError(file: "s.yml", key: "flow", problem: "x").description == "s.yml: flow: x")
    }

    @Test("a file that is not YAML is reported as such")
    func notYAML() {
        #expect(throws: ScenarioError.self) { try Scenario.parse("name: [unclosed") }
    }
}

@Suite("Platform dates")
struct PlatformTests {
    @Test(
        "hook and secrets rules switch on their release dates",
        arguments: [
            ("2022-04-28", false, false, false, false),
            ("2022-04-29", true, false, false, false),
            ("2022-12-29", true, true, false, false),
            ("2025-03-26", true, true, true, false),
            ("2026-01-13", true, true, true, true),
        ])
    func rules(date: String, execute: Bool, crlf: Bool, secrets: Bool, jsonKeys: Bool) throws {
        let platform = Platform(branch: .dockerAL2, released: try #require(PlatformDate(date)))
        #expect(platform.grantsHookExecutePermission == execute)
        #expect(platform.convertsHookLineEndings == crlf)
        #expect(platform.supportsEnvironmentSecrets == secrets)
        #expect(platform.supportsSecretJSONKeys == jsonKeys)
        #expect(platform.released.description == date)
    }

    @Test(
        "impossible dates are refused", arguments: ["2025-2-1", "2025-13-01", "2023-02-29", "20250601", "2024-02-30"])
    func impossible(text: String) {
        #expect(PlatformDate(text) == nil)
    }

    @Test("a leap day is a date")
    func leapDay() {
        #expect(PlatformDate("2024-02-29") == PlatformDate(2024, 2, 29))
    }
}

@Suite("Strict JSON")
struct StrictJSONTests {
    @Test(
        "JSON Foundation accepts but Python, Java and Go refuse is refused, with Go's message",
        arguments: [
            (#"{"a": 1,}"#, "invalid character '}' looking for beginning of object key string"),
            (#"[1, 2,]"#, "invalid character ']' looking for beginning of value"),
            (#"{"a": 1} x"#, "invalid character 'x' after top-level value"),
            (#"{'a': 1}"#, "invalid character ''' looking for beginning of object key string"),
            (#"{"a" 1}"#, "invalid character '1' after object key"),
            (#"{"a": 01}"#, "invalid character '1' after object key:value pair"),
            (#"{"a": "#, "unexpected end of JSON input"),
        ])
    func refused(text: String, message: String) {
        #expect(StrictJSON.validate(Array(text.utf8))?.message == message)
    }

    @Test("valid JSON passes")
    func valid() {
        #expect(StrictJSON.validate(Array(#"{"a": [1, -2.5e3, true, null, "\u00e9\n"], "b": {}}"#.utf8)) == nil)
    }
}
