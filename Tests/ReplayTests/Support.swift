import Beanstalk
import Foundation

@testable import Replay

/// A throw-away folder removed by the test.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "replay-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String, mode: Int16 = 0o644) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        chmod(full, mode_t(mode))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a shell command and returns stdout, stderr and the exit status, started as the replay
/// starts its tools (`Subprocess`, posix_spawn, retried on ETXTBSY).
func shell(_ arguments: [String], stdin: String? = nil) throws -> ProcessOutcome {
    let output = try Subprocess.run(arguments[0], Array(arguments.dropFirst()), stdin: stdin.map { Data($0.utf8) })
    return ProcessOutcome(status: output.status, stdout: output.stdout, stderr: output.stderr)
}

/// The scenario used by end-to-end tests: flow 2 with a bundle the test writes.
func flowTwoScenario(
    expect: String = "expect: {outcome: pulled, images: [quay.io/johndoe/private-image:latest]}",
    platform: String = "2024-06-01"
) throws -> Scenario {
    try Scenario.parse(
        """
        name: test
        flow: ssm
        platform: docker-al2023
        platformReleased: \(platform)
        account: "123456789012"
        region: us-east-2
        ssm:
          parameters:
            - {name: USER, type: String, value: johndoe}
            - {name: PASSWD, type: String, value: s3cret}
        registries:
          - host: quay.io
            auth: basic
            users: [{user: johndoe, password: s3cret}]
            images: [{repository: johndoe/private-image, tag: latest}]
        \(expect)
        """)
}

let dockerrunV1 =
    #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": "quay.io/johndoe/private-image"}, "Ports": [{"ContainerPort": "80"}]}"#
let envConfig = """
    option_settings:
      aws:elasticbeanstalk:application:environment:
        USER: '{{resolve:ssm:USER:1}}'
        PASSWD: '{{resolve:ssm:PASSWD:1}}'
    """
let loginHook = """
    #!/bin/bash
    USER=$(/opt/elasticbeanstalk/bin/get-config environment -k USER)
    /opt/elasticbeanstalk/bin/get-config environment -k PASSWD | docker login -u "$USER" --password-stdin quay.io
    """

/// Tests that run hooks need the instance sandbox (`unshare --mount --map-root-user`). Where the
/// machine refuses it they are skipped, visibly; under CI=true (.ci/run) they run and fail
/// instead, as .ci/run fails a replay with skipped scenarios, so CI cannot pass having run nothing.
enum SandboxRequirement {
    static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var testable: Bool { InstanceSandbox.isAvailable || underCI }
}
