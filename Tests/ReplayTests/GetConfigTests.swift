import Foundation
import Testing

@testable import Replay

@Suite("get-config")
struct GetConfigTests {
    func installed() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let tool = GetConfigTool(
            environment: ["USER": "johndoe", "QUOTE": "say \"hi\""],
            container: GetConfigTool.container(environmentName: "env", port: "80"),
            optionSettings: ["aws:elasticbeanstalk:application:environment": ["USER": "johndoe"]],
            platformConfig: GetConfigTool.platformConfig(port: "80"))
        try tool.install(in: folder.path)
        return (folder, folder.path + "/bin/get-config")
    }

    @Test("environment prints compact one-line JSON, keys sorted")
    func environmentJSON() throws {
        let (folder, tool) = try installed()
        defer { folder.remove() }
        let outcome = try shell([tool, "environment"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == #"{"QUOTE":"say \"hi\"","USER":"johndoe"}"# + "\n")
    }

    @Test("-k prints the raw value with a newline; a missing key prints nothing and exits 0")
    func singleKey() throws {
        let (folder, tool) = try installed()
        defer { folder.remove() }
        #expect(try shell([tool, "environment", "-k", "USER"]).stdout == "johndoe\n")
        let missing = try shell([tool, "environment", "-k", "NOPE"])
        #expect(missing.stdout == "" && missing.status == 0)
        #expect(try shell([tool, "container", "-k", "instance_port"]).stdout == "80\n")
        #expect(try shell([tool, "platformconfig", "-k", "AppStagingDir"]).stdout == "/var/app/staging/\n")
    }

    @Test("--output YAML before the command; optionsettings -n/-o picks one option")
    func yamlAndOptions() throws {
        let (folder, tool) = try installed()
        defer { folder.remove() }
        #expect(try shell([tool, "--output", "YAML", "environment"]).stdout.contains("USER: \"johndoe\"\n"))
        #expect(
            try shell([tool, "optionsettings", "-n", "aws:elasticbeanstalk:application:environment", "-o", "USER"])
                .stdout == "johndoe\n")
        let unknown = try shell([tool, "bogus"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown command \"bogus\""))
    }

    @Test("a key that tries to leave the data folder prints nothing")
    func hostileKey() throws {
        let (folder, tool) = try installed()
        defer { folder.remove() }
        #expect(try shell([tool, "environment", "-k", "../../bin/get-config"]).stdout == "")
    }
}
