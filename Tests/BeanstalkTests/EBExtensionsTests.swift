import Foundation
import Testing

@testable import Beanstalk

@Suite(".ebextensions configuration files")
struct EBExtensionsTests {
    @Test("config files are read in alphabetical order, YAML or JSON, and later files override earlier ones")
    func orderAndFormats() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            ".ebextensions/02json.config": #"{"option_settings": [{"option_name": "USER", "value": "from-json"}]}"#,
            ".ebextensions/01env.config": """
            option_settings:
              aws:elasticbeanstalk:application:environment:
                USER: '{{resolve:ssm:USER:1}}'
                PASSWD: '{{resolve:ssm:PASSWD:1}}'
            """,
            ".ebextensions/notes.txt": "not a config",
            ".ebextensions/nested/03.config": "option_settings: {}",
        ])
        let extensions = try EBExtensions.load(from: bundle, versionLabel: "v1")
        #expect(extensions.files.map(\.path) == [".ebextensions/01env.config", ".ebextensions/02json.config"])
        #expect(extensions.environmentProperties == ["USER": "from-json", "PASSWD": "{{resolve:ssm:PASSWD:1}}"])
    }

    @Test("option_settings in the list form default to the environment namespace and keep resource_name")
    func listForm() throws {
        let file = try EBExtensions.parse(
            """
            option_settings:
              - option_name: API_ENDPOINT
                value: www.example.com/api
              - namespace: aws:autoscaling:asg
                option_name: MinSize
                value: 2
                resource_name: AWSEBAutoScalingGroup
              - namespace: aws:elasticbeanstalk:application:environmentsecrets
                option_name: PASSWD
                value: arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd-AbCdEf
            """, path: ".ebextensions/a.config", versionLabel: "v1")
        #expect(
            file.optionSettings == [
                OptionSetting(
                    namespace: OptionSetting.environmentNamespace, optionName: "API_ENDPOINT",
                    value: "www.example.com/api", file: ".ebextensions/a.config"),
                OptionSetting(
                    namespace: "aws:autoscaling:asg", optionName: "MinSize", value: "2",
                    resourceName: "AWSEBAutoScalingGroup", file: ".ebextensions/a.config"),
                OptionSetting(
                    namespace: OptionSetting.environmentSecretsNamespace, optionName: "PASSWD",
                    value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd-AbCdEf",
                    file: ".ebextensions/a.config"),
            ])
        #expect(
            EBExtensions(files: [file]).environmentSecrets == [
                "PASSWD": "arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd-AbCdEf"
            ])
    }

    @Test("scalar values keep their source text, and an empty value is an empty string")
    func scalarText() throws {
        let file = try EBExtensions.parse(
            """
            option_settings:
              aws:elasticbeanstalk:application:environment:
                VERSION: 1.10
                DEBUG: yes
                EMPTY:
                QUOTED: "007"
            """, path: "c.config", versionLabel: "v1")
        #expect(
            EBExtensions(files: [file]).environmentProperties == [
                "VERSION": "1.10", "DEBUG": "yes", "EMPTY": "", "QUOTED": "007",
            ])
    }

    @Test("a duplicated option_settings key drops one section silently: the last one is kept")
    func duplicateTopLevelKey() throws {
        let file = try EBExtensions.parse(
            """
            option_settings:
              aws:elasticbeanstalk:application:environment:
                FIRST: one
            commands:
              01: {command: "echo hi"}
            option_settings:
              aws:elasticbeanstalk:application:environment:
                SECOND: two
            """, path: "d.config", versionLabel: "v1")
        #expect(EBExtensions(files: [file]).environmentProperties == ["SECOND": "two"])
        #expect(file.commands.map(\.name) == ["01"])
    }

    @Test("a file that is neither YAML nor JSON gives Beanstalk's invalid-file event")
    func invalidFile() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([".ebextensions/bad.config": "option_settings:\n\t- tab indented: [\n"])
        do {
            _ = try EBExtensions.load(from: bundle, versionLabel: "app-version-7")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.message.hasPrefix(
                    "The configuration file .ebextensions/bad.config in application version app-version-7 contains invalid YAML or JSON. YAML exception: Invalid Yaml: "
                ))
            #expect(
                error.message.contains(
                    ", JSON exception: Invalid JSON: invalid character 'o' looking for beginning of value at position 0"
                ))
            #expect(error.message.hasSuffix(". Update the configuration file."))
        }
    }

    @Test("the invalid-file event does not repeat the file's content")
    func invalidFileKeepsSecrets() {
        do {
            _ = try EBExtensions.parse(
                "option_settings:\n\t- PASSWORD: hunter2 [\n", path: "s.config", versionLabel: "v1")
            Issue.record("expected an error")
        } catch {
            #expect(!error.message.contains("hunter2"))
            #expect(error.message.contains("found character that cannot start any token in line 2, column 1"))
        }
    }

    @Test("an AppleDouble file zipped by macOS is found when every .ebextensions folder is searched")
    func macOSAppleDouble() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            ".ebextensions/nodecommand.config": "option_settings: {}",
            "__MACOSX/app/.ebextensions/._nodecommand.config": "\u{0}\u{5}\u{16}\u{7}\u{0}\u{2}",
        ])
        #expect(try EBExtensions.load(from: bundle, versionLabel: "v1").files.count == 1)
        #expect(throws: EBExtensionsError.self) {
            try EBExtensions.load(from: bundle, versionLabel: "weather app-source", discovery: .anyDepth)
        }
    }

    @Test("commands and container_commands are ordered by name with their fields")
    func commands() throws {
        let file = try EBExtensions.parse(
            """
            commands:
              02_second:
                command: ["chmod", "+x", ".platform/hooks/prebuild/01login.sh"]
              01_first:
                command: echo first
                cwd: /home/ec2-user
                env:
                  MODE: fast
                test: '[ ! -f /tmp/done ]'
                ignoreErrors: true
            container_commands:
              10_migrate:
                command: ./migrate
                leader_only: true
              02_collect:
                command: ./collect
            """, path: ".ebextensions/cmd.config", versionLabel: "v1")
        #expect(file.commands.map(\.name) == ["01_first", "02_second"])
        let first = file.commands[0]
        #expect(first.command == .shell("echo first"))
        #expect(first.cwd == "/home/ec2-user")
        #expect(first.env == ["MODE": "fast"])
        #expect(first.test == "[ ! -f /tmp/done ]")
        #expect(first.ignoreErrors)
        #expect(file.commands[1].command == .arguments(["chmod", "+x", ".platform/hooks/prebuild/01login.sh"]))
        #expect(!file.commands[1].ignoreErrors)
        #expect(file.containerCommands.map(\.name) == ["02_collect", "10_migrate"])
        #expect(file.containerCommands.map(\.leaderOnly) == [false, true])
    }

    @Test("a command without a command line is refused, naming it")
    func commandWithoutLine() {
        #expect(
            throws: EBExtensionsError.invalidCommand(
                file: "x.config", section: "commands", name: "01", detail: "it has no command")
        ) {
            try EBExtensions.parse("commands:\n  01:\n    cwd: /tmp\n", path: "x.config", versionLabel: "v1")
        }
    }

    @Test("option_settings that are neither list nor mapping fail validation with EB's opening line")
    func invalidOptionSettings() {
        let error = EBExtensionsError.invalidOptionSettings(
            file: "e.config", detail: "option_settings must be a list or a mapping")
        #expect(throws: error) {
            try EBExtensions.parse("option_settings: just text\n", path: "e.config", versionLabel: "v1")
        }
        #expect(
            error.message.hasPrefix(
                "\"option_settings\" in one of the configuration files failed validation. More details to follow."))
        #expect(throws: EBExtensionsError.invalidOptionSettings(file: "f.config", detail: "entry 1 has no option_name"))
        {
            try EBExtensions.parse("option_settings:\n  - value: 1\n", path: "f.config", versionLabel: "v1")
        }
    }

    @Test("other sections are recorded, not applied")
    func otherKeys() throws {
        let file = try EBExtensions.parse(
            "packages:\n  yum:\n    jq: []\nfiles:\n  /tmp/x:\n    content: y\n", path: "p.config", versionLabel: "v1")
        #expect(file.otherKeys == ["packages", "files"])
    }
}
