import Beanstalk
import Foundation
import Testing

@testable import Replay

@Suite("Platform hooks")
struct HookRunnerTests {
    @Test("exec checks give Go's fork/exec texts")
    func execFailures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("plain.sh", "#!/bin/sh\necho hi\n", mode: 0o644)
        try folder.write("crlf.sh", "#!/bin/bash\r\necho hi\r\n", mode: 0o755)
        try folder.write("noshebang.sh", "### example\n#!/bin/bash\n", mode: 0o755)
        try folder.write("good.sh", "#!/bin/sh\necho hi\n", mode: 0o755)
        #expect(
            HookRunner.execFailure(folder.path + "/plain.sh", relative: "x/plain.sh")
                == "fork/exec x/plain.sh: permission denied")
        #expect(
            HookRunner.execFailure(folder.path + "/crlf.sh", relative: "x/crlf.sh")
                == "fork/exec x/crlf.sh: no such file or directory")
        #expect(
            HookRunner.execFailure(folder.path + "/noshebang.sh", relative: "x/n.sh")
                == "fork/exec x/n.sh: exec format error")
        #expect(HookRunner.execFailure(folder.path + "/good.sh", relative: "x/good.sh") == nil)
    }

    @Test("platforms from 2022-04-29 grant the execute bit; from 2022-12-29 convert CRLF")
    func platformRules() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.sh", "#!/bin/sh\r\necho hi\r\n", mode: 0o644)
        let sandbox = InstanceSandbox(directory: folder.path + "/i", endpoint: "http://127.0.0.1:1", instanceID: "i-0")
        HookRunner(sandbox: sandbox, platform: Platform(branch: .dockerAL2, released: PlatformDate(2022, 6, 1)))
            .normalise(folder.path + "/a.sh")
        #expect(
            HookRunner.execFailure(folder.path + "/a.sh", relative: "a.sh")
                == "fork/exec a.sh: no such file or directory")
        HookRunner(sandbox: sandbox, platform: Platform(branch: .dockerAL2, released: PlatformDate(2023, 1, 5)))
            .normalise(folder.path + "/a.sh")
        #expect(HookRunner.execFailure(folder.path + "/a.sh", relative: "a.sh") == nil)
    }

    @Test(
        "a hook runs in the staging dir with only the properties, HOME, PATH and PORT, and sees get-config at its absolute path",
        .enabled(if: SandboxRequirement.testable, "needs user namespaces (unshare), which this machine refuses"))
    func sandboxedRun() throws {
        try #require(
            InstanceSandbox.isAvailable, "CI=true, but the sandbox (unshare --mount --map-root-user) is refused")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sandbox = InstanceSandbox(
            directory: folder.path + "/instance", endpoint: "http://127.0.0.1:1", instanceID: "i-0")
        try sandbox.prepare()
        try GetConfigTool(environment: ["USER": "johndoe"], container: [:], optionSettings: [:], platformConfig: [:])
            .install(in: sandbox.optEB)
        try folder.write(
            "staging/.platform/hooks/prebuild/01.sh",
            """
            #!/bin/bash
            pwd
            env | sort | cut -d= -f1 | tr '\\n' ' '
            echo
            /opt/elasticbeanstalk/bin/get-config environment -k USER
            echo oops >&2
            exit 3
            """, mode: 0o755)
        let runner = HookRunner(
            sandbox: sandbox, platform: Platform(branch: .dockerAL2023, released: PlatformDate(2024, 1, 1)))
        let result = runner.run(
            relative: ".platform/hooks/prebuild/01.sh", cwd: folder.path + "/staging", environment: ["USER": "johndoe"],
            port: "80")
        guard case .failed(let detail, let output?) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(detail == "exit status 3. Stderr:oops\n")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == folder.path + "/staging")
        #expect(
            lines[1].split(separator: " ").filter { !["PWD", "SHLVL", "_", "OLDPWD"].contains($0) } == [
                "HOME", "PATH", "PORT", "USER",
            ])
        #expect(lines[2] == "johndoe")
    }
}
