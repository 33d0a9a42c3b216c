import Beanstalk
import Foundation
import Testing

@testable import Replay

/// Whole deployments against a fresh in-process mock, as `ebauth replay` runs them.
@Suite("Deployment end to end")
struct EndToEndTests {
    func bundle(_ files: [(String, String, Int16)]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text, mode) in files { try folder.write("bundle/" + path, text, mode: mode) }
        return folder
    }

    func replay(_ folder: TemporaryFolder, _ scenario: Scenario, bundle: String? = nil) -> ScenarioResult {
        ScenarioRun.replay(
            folder: folder.path, bundleOverride: bundle ?? folder.path + "/bundle", scenarioOverride: scenario)
    }

    @Test("flow 2: SSM references resolved, prebuild hook logs in with docker login, the image pulls")
    func flowTwoPulls() throws {
        let folder = try bundle([
            ("Dockerrun.aws.json", dockerrunV1, 0o644), (".ebextensions/env.config", envConfig, 0o644),
            (".platform/hooks/prebuild/01login.sh", loginHook, 0o755),
        ])
        defer { folder.remove() }
        let result = replay(folder, try flowTwoScenario())
        #expect(result.status == .passed, "\(result.reason ?? "") \(result.report?.text ?? "")")
        #expect(result.report?.pulled == ["quay.io/johndoe/private-image:latest"])
        #expect(result.report?.log.hooks.contains { $0.hasSuffix("Login Succeeded") } == true)
        #expect(
            result.report?.log.engine.contains {
                $0.contains("[INFO] Executing instruction: RunAppDeployPreBuildHooks")
            } == true)
    }

    @Test("without a login hook the pull fails as docker does: no basic auth credentials")
    func noLogin() throws {
        let folder = try bundle([
            ("Dockerrun.aws.json", dockerrunV1, 0o644), (".ebextensions/env.config", envConfig, 0o644),
        ])
        defer { folder.remove() }
        let result = replay(
            folder,
            try flowTwoScenario(
                expect: "expect: {outcome: failed, failure: {step: pull, message: no basic auth credentials}}"))
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(result.report?.failure?.diagnosis.contains("docker login quay.io") == true)
    }

    @Test("a docker flag error in the hook is exit status 125 with docker's text")
    func dockerFlagError() throws {
        let folder = try bundle([
            ("Dockerrun.aws.json", dockerrunV1, 0o644),
            (".platform/hooks/prebuild/01login.sh", "#!/bin/bash\ndocker login -u johndoe -k USER\n", 0o755),
        ])
        defer { folder.remove() }
        let result = replay(
            folder,
            try flowTwoScenario(
                expect:
                    "expect: {outcome: failed, failure: {step: hook, message: \"failed with error exit status 125. Stderr:unknown shorthand flag: 'k' in -k\"}}"
            ))
        #expect(result.status == .passed, "\(result.reason ?? "") \(result.report?.text ?? "")")
    }

    @Test("a .ebextensions file with invalid YAML fails with EB's message")
    func badConfigFile() throws {
        let folder = try bundle([
            ("Dockerrun.aws.json", dockerrunV1, 0o644),
            (".ebextensions/bad.config", "option_settings:\n\t- x: [\n", 0o644),
        ])
        defer { folder.remove() }
        let result = replay(
            folder,
            try flowTwoScenario(
                expect:
                    "expect: {outcome: failed, failure: {step: ebextensions, message: contains invalid YAML or JSON}}"))
        #expect(result.status == .passed, "\(result.reason ?? "") \(result.report?.failure?.message ?? "")")
    }

    @Test("invalid Dockerrun JSON fails at the bundle step")
    func badDockerrun() throws {
        let folder = try bundle([("Dockerrun.aws.json", "{\"AWSEBDockerrunVersion\": ", 0o644)])
        defer { folder.remove() }
        let result = replay(
            folder,
            try flowTwoScenario(
                expect: "expect: {outcome: failed, failure: {step: bundle, message: Dockerrun.aws.json}}"))
        #expect(result.status == .passed, "\(result.reason ?? "") \(result.report?.failure?.message ?? "")")
    }

    @Test("hostile zips (../ paths, links out of the bundle) are refused and write nothing outside the scenario")
    func hostileZips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outside = folder.path + "/escaped"
        let script = """
            import zipfile, sys
            with zipfile.ZipFile(sys.argv[1] + '/dotdot.zip', 'w') as z:
                z.writestr('Dockerrun.aws.json', '{}')
                z.writestr('../../escaped', 'x')
            with zipfile.ZipFile(sys.argv[1] + '/link.zip', 'w') as z:
                z.writestr('Dockerrun.aws.json', '{}')
                info = zipfile.ZipInfo('evil')
                info.external_attr = (0o120777 << 16)
                z.writestr(info, '../../../../etc/passwd')
            """
        let made = try shell(["/usr/bin/env", "python3", "-c", script, folder.path])
        try #require(made.status == 0, "\(made.stderr)")
        for zip in ["dotdot.zip", "link.zip"] {
            let result = replay(
                folder,
                try flowTwoScenario(
                    expect: "expect: {outcome: failed, failure: {step: bundle, message: \"The deployment failed\"}}"),
                bundle: folder.path + "/" + zip)
            #expect(result.status == .passed, "\(zip): \(result.reason ?? "") \(result.report?.failure?.message ?? "")")
            #expect(result.report?.failure?.step == .bundle)
        }
        #expect(!FileManager.default.fileExists(atPath: outside))
    }

    @Test("a missing bundle is a bundle failure, not a crash")
    func missingBundle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = replay(
            folder,
            try flowTwoScenario(
                expect: "expect: {outcome: failed, failure: {step: bundle, message: \"The deployment failed\"}}"),
            bundle: folder.path + "/nope.zip")
        #expect(result.report?.failure?.step == .bundle)
    }
}

@Suite("docker login on the instance")
struct DockerLoginTests {
    let desk = DockerLoginDesk()
    var instance: DockerLoginDesk.Instance {
        .init(
            sandbox: InstanceSandbox(directory: "/nonexistent", endpoint: "http://127.0.0.1:1", instanceID: "i-0"),
            hosts: ["quay.io"], routes: RegistryRoutes(serverPort: 1))
    }

    @Test("argument errors are docker/cli's, before any network")
    func argumentErrors() {
        let unknown = desk.login(["-u", "x", "-k", "USER"], stdin: nil, instance: instance)
        #expect(
            unknown.status == 125 && unknown.stderr == "unknown shorthand flag: 'k' in -k\nSee 'docker login --help'.\n"
        )
        let noUser = desk.login(["--password-stdin"], stdin: Data("p\n".utf8), instance: instance)
        #expect(noUser.status == 1 && noUser.stderr == "Error: Must provide --username with --password-stdin\n")
        let empty = desk.login(["-u", "", "-p", ""], stdin: nil, instance: instance)
        #expect(empty.stderr.hasSuffix("Error: Cannot perform an interactive login from a non TTY device\n"))
        let both = desk.login(["-u", "x", "-p", "y", "--password-stdin"], stdin: nil, instance: instance)
        #expect(both.stderr.contains("--password and --password-stdin are mutually exclusive"))
    }

    @Test("a login to a registry the world does not have fails as the real registry would refuse it")
    func unknownRegistry() {
        let answer = desk.login(["-u", "x", "-p", "y"], stdin: nil, instance: instance)
        #expect(answer.status == 1)
        #expect(
            answer.stderr.contains(
                "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password"
            ))
    }
}

@Suite("Pieces")
struct PieceTests {
    @Test("HTTP responses with chunked bodies are decoded")
    func chunked() throws {
        let raw = Array(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".utf8
        )
        let reply = try LocalHTTPClient.parse(raw, method: "GET")
        #expect(reply.status == 200 && reply.text == "hello world" && reply.header("x-a") == "1")
    }

    @Test("registry challenges are parsed")
    func challenge() {
        let reply = HTTPReply(
            status: 401,
            headers: [
                "www-authenticate": #"Bearer realm="http://h/token",service="quay.io",scope="repository:a:pull""#
            ], body: [])
        let challenge = RegistryPuller.challenge(reply)
        #expect(
            challenge?.scheme == "bearer" && challenge?.parameters["realm"] == "http://h/token"
                && challenge?.parameters["service"] == "quay.io")
    }

    @Test("an expectation fails when the message is not in any event")
    func expectation() throws {
        var report = DeploymentReport()
        report.failure = .init(
            step: .hook, kind: .commandFailed, message: "Command x failed with error exit status 1. Stderr:boom",
            diagnosis: "")
        let scenario = try flowTwoScenario(
            expect: "expect: {outcome: failed, failure: {step: hook, message: nothing like it}}")
        #expect(!Expectation.check(scenario.expect, report: report, deployments: 1).isEmpty)
        let right = try flowTwoScenario(
            expect: "expect: {outcome: failed, failure: {step: hook, message: \"Stderr:boom\"}}")
        #expect(Expectation.check(right.expect, report: report, deployments: 1).isEmpty)
        let pulled = try flowTwoScenario()
        #expect(!Expectation.check(pulled.expect, report: report, deployments: 1).isEmpty)
    }

    @Test(
        "every scenario under Scenarios/ passes or is skipped for a missing service",
        .enabled(if: SandboxRequirement.testable, "needs user namespaces (unshare), which this machine refuses"))
    func scenarios() throws {
        let root =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/Scenarios"
        let folders = ScenarioDiscovery.folders(under: [root])
        try #require(!folders.isEmpty)
        let results = Runner.run(folders: folders, jobs: 2) { _, _, _ in }
        for result in results {
            #expect(result.status == .passed || result.status == .skipped, "\(result.name): \(result.reason ?? "")")
            // As .ci/run treats the replay: under CI a skip is a failure.
            #expect(
                !(SandboxRequirement.underCI && result.status == .skipped),
                "\(result.name): \(result.reason ?? "")")
        }
        #expect(results.contains { $0.status == .passed }, "no scenario ran")
    }
}
