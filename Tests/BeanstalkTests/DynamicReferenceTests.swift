import Testing

@testable import Beanstalk

@Suite("Dynamic references")
struct DynamicReferenceTests {
    @Test("an SSM reference with and without a version, and the lookups the engine must make")
    func ssmReferences() throws {
        let matches = try DynamicReferenceParser.scan("{{resolve:ssm:USER:1}}:{{resolve:ssm:/team/app/PASSWD}}")
        #expect(
            matches.map(\.reference) == [.ssm(name: "USER", version: 1), .ssm(name: "/team/app/PASSWD", version: nil)])
        #expect(
            matches.map(\.reference.lookup) == [
                .ssmGetParameters(selector: "USER:1", withDecryption: false),
                .ssmGetParameters(selector: "/team/app/PASSWD", withDecryption: false),
            ])
        let value = DynamicReferenceParser.substitute(
            "{{resolve:ssm:USER:1}}:{{resolve:ssm:/team/app/PASSWD}}", matches,
            resolved: [
                .ssm(name: "USER", version: 1): "johndoe", .ssm(name: "/team/app/PASSWD", version: nil): "s3cret",
            ])
        #expect(value == "johndoe:s3cret")
    }

    @Test("text without {{resolve: is left alone")
    func plainText() throws {
        #expect(try DynamicReferenceParser.scan("plain {{value}} resolve:ssm:X").isEmpty)
    }

    @Test("a missing parameter gives CloudFormation's text")
    func notFound() {
        #expect(
            DynamicReferenceError.notFound([.ssm(name: "PASSWD", version: 1)]).message
                == "Parameters: [ssm:PASSWD:1] cannot be found.")
        #expect(
            DynamicReferencePlan.failure(missing: [.ssm(name: "USER", version: 1), .ssm(name: "PASSWD", version: 2)])
                .message
                == "Parameters: [ssm:USER:1, ssm:PASSWD:2] cannot be found.")
    }

    @Test("an ssm-secure reference in option settings is refused as CloudFormation refuses it")
    func ssmSecureRefused() throws {
        let settings = [
            OptionSetting(
                namespace: OptionSetting.environmentNamespace, optionName: "USER", value: "{{resolve:ssm:USER:1}}",
                file: "a"),
            OptionSetting(
                namespace: OptionSetting.environmentNamespace, optionName: "PASSWD",
                value: "{{resolve:ssm-secure:PASSWD:1}}", file: "a"),
        ]
        #expect(
            throws: DynamicReferenceError.secureNotSupported(resourcePath: DynamicReferenceError.optionSettingsPath)
        ) {
            try DynamicReferencePlan(settings: settings)
        }
        #expect(
            DynamicReferenceError.secureNotSupported(resourcePath: DynamicReferenceError.optionSettingsPath).message
                == "SSM Secure reference is not supported in: [AWS::ElasticBeanstalk::Environment/Properties/OptionSettings]"
        )
    }

    @Test("a plan lists each distinct reference once, in order")
    func plan() throws {
        let settings = [
            OptionSetting(namespace: "n", optionName: "A", value: "{{resolve:ssm:USER:1}}", file: "a"),
            OptionSetting(
                namespace: "n", optionName: "B",
                value: "{{resolve:ssm:USER:1}}-{{resolve:secretsmanager:db-creds:SecretString:password}}", file: "a"),
        ]
        let plan = try DynamicReferencePlan(settings: settings)
        #expect(
            plan.references == [
                .ssm(name: "USER", version: 1),
                .secretsManager(secretID: "db-creds", jsonKey: "password", versionStage: nil, versionID: nil),
            ])
    }

    @Test("Secrets Manager references by name or by full ARN")
    func secretsManager() throws {
        let byArn = try DynamicReferenceParser.scan(
            "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:SecretString:user::AWSPREVIOUS}}"
        )
        #expect(
            byArn.first?.reference
                == .secretsManager(
                    secretID: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf", jsonKey: "user",
                    versionStage: nil, versionID: "AWSPREVIOUS"))
        let byName = try DynamicReferenceParser.scan("{{resolve:secretsmanager:MySecret}}")
        #expect(
            byName.first?.reference.lookup
                == .secretsManagerGetSecretValue(secretID: "MySecret", versionStage: nil, versionID: nil))
    }

    @Test(
        "malformed references are refused",
        arguments: [
            "{{resolve:ssm:}}", "{{resolve:ssm:USER:one}}", "{{resolve:ssm:USER:0}}", "{{resolve:ssm:US ER:1}}",
            "{{resolve:ssm:A:1:2}}", "{{resolve:secretsmanager:id:SecretBinary}}",
        ])
    func malformed(token: String) {
        #expect(throws: DynamicReferenceError.malformed(token: token)) { try DynamicReferenceParser.scan(token) }
    }

    @Test("an unknown service is refused")
    func unknownService() {
        #expect(throws: DynamicReferenceError.unsupportedService(service: "vault", token: "{{resolve:vault:x}}")) {
            try DynamicReferenceParser.scan("{{resolve:vault:x}}")
        }
    }
}

@Suite("Environment secrets ARNs")
struct SecretReferenceTests {
    @Test("a Secrets Manager ARN, with its random suffix and an optional JSON key")
    func secretsManager() {
        let plain = SecretReference.parse("arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd-AbCdEf")
        #expect(
            plain
                == .secretsManager(
                    arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd-AbCdEf", region: "us-east-1",
                    account: "111122223333", name: "passwd-AbCdEf", jsonKey: nil))
        #expect(plain.hasRandomSuffix)
        let keyed = SecretReference.parse(
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:creds-AbCdEf:password:ignored")
        #expect(
            keyed
                == .secretsManager(
                    arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:creds-AbCdEf", region: "us-east-1",
                    account: "111122223333", name: "creds-AbCdEf", jsonKey: "password"))
        #expect(!SecretReference.parse("arn:aws:secretsmanager:us-east-1:111122223333:secret:passwd").hasRandomSuffix)
    }

    @Test("an SSM parameter ARN names the parameter as GetParameter takes it")
    func ssmParameter() {
        #expect(
            SecretReference.parse("arn:aws:ssm:us-east-2:123456789012:parameter/PASSWD")
                == .ssmParameter(
                    arn: "arn:aws:ssm:us-east-2:123456789012:parameter/PASSWD", region: "us-east-2",
                    account: "123456789012", name: "PASSWD"))
        #expect(
            SecretReference.parse("arn:aws:ssm:us-east-2:123456789012:parameter/team/PASSWD")
                == .ssmParameter(
                    arn: "arn:aws:ssm:us-east-2:123456789012:parameter/team/PASSWD", region: "us-east-2",
                    account: "123456789012", name: "/team/PASSWD"))
    }

    @Test(
        "the guide's own example without secret: is not a valid secret ARN",
        arguments: [
            "arn:aws:secretsmanager:us-east-1:111122223333:passwd", "PASSWD",
            "arn:aws:ssm:us-east-1:111122223333:PASSWD",
            "arn:aws:s3:::bucket", "arn:aws:ssm:us-east-1:1111:parameter/X",
        ])
    func invalid(value: String) {
        #expect(SecretReference.parse(value) == .invalid(value))
        #expect(SecretReference.failureEvent == "Instance deployment failed to get one or more secrets")
    }
}
