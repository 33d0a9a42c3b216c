import Beanstalk
import Foundation
import Testing

@testable import Replay

@Suite("Credential sources of the pull")
struct CredentialSourceTests {
    /// A source with a fixed answer.
    struct Fixed: CredentialSource {
        let answer: PullCredentials
        func credentials(for image: ImageReference, log: inout EngineLog) -> PullCredentials { answer }
    }

    let image = ImageReference(domain: "quay.io", path: "johndoe/private-image", tag: "latest", digest: nil)

    @Test("sources are consulted in order until one has a credential; the first reason explains")
    func order() throws {
        var log = EngineLog()
        let credential = DockerCredential(username: "johndoe", password: "s3cret")
        let found = try PullCredentials.lookUp(
            image,
            in: [
                Fixed(answer: PullCredentials(why: "first")), Fixed(answer: PullCredentials(why: "second")),
                Fixed(answer: PullCredentials(credential: credential)), AnonymousPull(),
            ], log: &log)
        #expect(found.credential == credential)
        #expect(found.why == "first")
        let none = try PullCredentials.lookUp(
            image, in: [Fixed(answer: PullCredentials()), AnonymousPull()], log: &log)
        #expect(none.credential == nil)
        #expect(none.why == "no docker login ran on the instance and the Dockerrun names no auth file")
    }

    @Test("an ECR token is base64 of user:password")
    func ecrToken() {
        let token = Data("AWS:pass:word".utf8).base64EncodedString()
        let credential = InstanceProfileECRLogin.credential(token: token)
        #expect(credential == DockerCredential(username: "AWS", password: "pass:word"))
        #expect(InstanceProfileECRLogin.credential(token: "not base64!") == nil)
    }

    @Test("docker login's flags in all their spellings")
    func loginArguments() throws {
        let long = try DockerLoginArguments(parsing: ["--username=johndoe", "--password-stdin", "quay.io"])
        #expect(long.username == "johndoe" && long.password == nil && long.passwordStdin && long.server == "quay.io")
        let short = try DockerLoginArguments(parsing: ["-ujohndoe", "-ps3cret"])
        #expect(short.username == "johndoe" && short.password == "s3cret")
        #expect(!short.passwordStdin && short.server == nil)
        #expect(short.warning.hasPrefix("WARNING! Using --password via the CLI is insecure."))
        #expect(throws: DockerCLIError.flag("flag needs an argument: 'username' in --username")) {
            try DockerLoginArguments(parsing: ["--username"])
        }
        let piped = try long.credential(stdin: Data("s3cret\n".utf8))
        #expect(piped.username == "johndoe" && piped.password == "s3cret")
    }
}
