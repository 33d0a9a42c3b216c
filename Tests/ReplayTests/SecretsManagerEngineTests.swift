import Beanstalk
import Foundation
import Testing

@testable import Replay

@Suite("Secrets Manager values on the instance")
struct SecretsManagerEngineTests {
    @Test("SecretString is the value; SecretBinary is decoded from base64")
    func text() {
        #expect(SecretValue.text(of: GetSecretValueResponse(SecretString: "s3cret")) == "s3cret")
        let binary = GetSecretValueResponse(SecretBinary: Data("bin".utf8).base64EncodedString())
        #expect(SecretValue.text(of: binary) == "bin")
    }

    @Test("a JSON key gives strings as they are and other values re-serialised as JSON")
    func jsonKeys() {
        let secret = #"{"user":"johndoe","port":5432,"tls":true,"hosts":["a","b"],"db":{"name":"x/y"}}"#
        #expect(SecretValue.field("user", of: secret) == "johndoe")
        #expect(SecretValue.field("port", of: secret) == "5432")
        #expect(SecretValue.field("tls", of: secret) == "true")
        #expect(SecretValue.field("hosts", of: secret) == #"["a","b"]"#)
        #expect(SecretValue.field("db", of: secret) == #"{"name":"x/y"}"#)
        #expect(SecretValue.field("missing", of: secret) == nil)
        #expect(SecretValue.field("user", of: "not json") == nil)
    }

    @Test("scenario secrets may be marked deleted; the default is a live secret")
    func scenarioDeleted() throws {
        let scenario = try Scenario.parse(
            """
            name: s
            flow: secrets
            platform: docker-al2023
            platformReleased: 2025-06-01
            secretsManager:
              secrets:
                - {name: a, value: v}
                - {name: b, value: w, deleted: true}
            expect: {outcome: pulled, images: [nginx]}
            """)
        #expect(scenario.secrets.map(\.deleted) == [false, true])
    }
}
