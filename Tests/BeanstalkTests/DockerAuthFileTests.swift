import Foundation
import Testing

@testable import Beanstalk

@Suite("Docker auth files")
struct DockerAuthFileTests {
    /// base64("johndoe:s3cret")
    let auth = "am9obmRvZTpzM2NyZXQ="

    @Test("a legacy .dockercfg, as the EB guide shows it, gives credentials for its registry")
    func legacyFormat() throws {
        let file = try DockerAuthFile.parse(
            Data(
                """
                {"quay.io": {"auth": "\(auth)", "email": "johndoe@example.com"}}
                """.utf8))
        #expect(file.format == .dockercfg)
        #expect(
            file.credentials(forRegistry: "quay.io")
                == .found(DockerCredential(username: "johndoe", password: "s3cret"), key: "quay.io"))
    }

    @Test("config.json from docker login gives credentials for its registry")
    func configJSONFormat() throws {
        let file = try DockerAuthFile.parse(Data(#"{"auths": {"quay.io": {"auth": "\#(auth)"}}}"#.utf8))
        #expect(file.format == .configJSON)
        #expect(
            file.credentials(forRegistry: "quay.io").credential
                == DockerCredential(username: "johndoe", password: "s3cret"))
    }

    @Test("separate username and password fields count in config.json but not in a legacy file")
    func separateFields() throws {
        let config = try DockerAuthFile.parse(
            Data(#"{"auths": {"quay.io": {"username": "johndoe", "password": "s3cret"}}}"#.utf8))
        #expect(config.credentials(forRegistry: "quay.io").credential?.username == "johndoe")
        let legacy = try DockerAuthFile.parse(Data(#"{"quay.io": {"username": "johndoe", "password": "s3cret"}}"#.utf8))
        #expect(legacy.credentials(forRegistry: "quay.io") == .missing(.emptyEntry(key: "quay.io")))
    }

    @Test("a file that only names a credential store yields no credentials")
    func credsStoreOnly() throws {
        let file = try DockerAuthFile.parse(Data(#"{"auths": {"quay.io": {}}, "credsStore": "desktop"}"#.utf8))
        let lookup = file.credentials(forRegistry: "quay.io")
        #expect(lookup == .missing(.credentialHelper(name: "desktop")))
        if case .missing(let reason) = lookup {
            #expect(
                reason.description.contains(
                    "error getting credentials - err: exec: \"docker-credential-desktop\": executable file not found in $PATH, out: ``"
                ))
        }
        let helpers = try DockerAuthFile.parse(
            Data(#"{"credHelpers": {"123456789012.dkr.ecr.us-east-2.amazonaws.com": "ecr-login"}}"#.utf8))
        #expect(
            helpers.credentials(forRegistry: "123456789012.dkr.ecr.us-east-2.amazonaws.com")
                == .missing(.credentialHelper(name: "ecr-login")))
        #expect(helpers.credentials(forRegistry: "quay.io") == .missing(.noEntry(lookedUp: "quay.io", keys: [])))
    }

    @Test("an entry without credentials (Docker Desktop after a login) is reported as empty")
    func emptyEntry() throws {
        let file = try DockerAuthFile.parse(Data(#"{"auths": {"https://index.docker.io/v1/": {}}}"#.utf8))
        #expect(file.credentials(forRegistry: "docker.io") == .missing(.emptyEntry(key: "https://index.docker.io/v1/")))
    }

    @Test("Docker Hub is looked up under https://index.docker.io/v1/ for docker.io and index.docker.io")
    func dockerHubKey() throws {
        let file = try DockerAuthFile.parse(
            Data(#"{"auths": {"https://index.docker.io/v1/": {"auth": "\#(auth)"}}}"#.utf8))
        #expect(file.credentials(forRegistry: "docker.io").credential?.username == "johndoe")
        #expect(file.credentials(forRegistry: "index.docker.io").credential?.username == "johndoe")
        #expect(file.credentials(for: try ImageReference.parse("johndoe/private")).credential?.username == "johndoe")
    }

    @Test("docker does not treat registry-1.docker.io as Docker Hub, while the ECS agent does")
    func registryOneDockerIO() throws {
        let data = Data(#"{"https://index.docker.io/v1/": {"auth": "\#(auth)"}}"#.utf8)
        let file = try DockerAuthFile.parse(data)
        #expect(file.credentials(forRegistry: "registry-1.docker.io").credential == nil)
        let agent = ECSAgentAuth(dockercfg: data)
        #expect(agent.credentials(forImage: "registry-1.docker.io/johndoe/app:1")?.username == "johndoe")
        #expect(agent.credentials(forImage: "johndoe/app")?.username == "johndoe")
    }

    @Test("a key with a scheme and a path matches its host, as docker's legacy fallback does")
    func schemeAndPathStripped() throws {
        let file = try DockerAuthFile.parse(Data(#"{"auths": {"https://quay.io/v1/": {"auth": "\#(auth)"}}}"#.utf8))
        #expect(
            file.credentials(forRegistry: "quay.io")
                == .found(DockerCredential(username: "johndoe", password: "s3cret"), key: "https://quay.io/v1/"))
        let withPort = try DockerAuthFile.parse(
            Data(#"{"auths": {"http://localhost:5000": {"auth": "\#(auth)"}}}"#.utf8))
        #expect(withPort.credentials(forRegistry: "localhost:5000").credential != nil)
    }

    @Test("a docker login without a server gives nothing for quay.io")
    func hubLoginUsedForQuay() throws {
        let file = try DockerAuthFile.parse(
            Data(#"{"auths": {"https://index.docker.io/v1/": {"auth": "\#(auth)"}}}"#.utf8))
        #expect(
            file.credentials(forRegistry: "quay.io")
                == .missing(.noEntry(lookedUp: "quay.io", keys: ["https://index.docker.io/v1/"])))
    }

    @Test("broken auth values give docker's messages")
    func brokenAuth() {
        #expect(throws: DockerAuthFileError.invalidAuth(key: "quay.io")) {
            try DockerAuthFile.parse(Data(#"{"auths": {"quay.io": {"auth": "am9obmRvZQ=="}}}"#.utf8))
        }
        #expect(DockerAuthFileError.invalidAuth(key: "quay.io").message == "Invalid auth configuration file")
        #expect(throws: DockerAuthFileError.invalidBase64(key: "quay.io", offset: 4)) {
            try DockerAuthFile.parse(Data(#"{"auths": {"quay.io": {"auth": "am9o*mRvZQ=="}}}"#.utf8))
        }
        #expect(
            DockerAuthFileError.invalidBase64(key: "quay.io", offset: 4).message
                == "illegal base64 data at input byte 4")
    }

    @Test("NUL bytes around the password are trimmed, as docker trims them")
    func nulTrimmed() throws {
        let encoded = GoBase64.encode(Array("johndoe:s3cret\0\0".utf8))
        let file = try DockerAuthFile.parse(Data(#"{"auths": {"quay.io": {"auth": "\#(encoded)"}}}"#.utf8))
        #expect(file.credentials(forRegistry: "quay.io").credential?.password == "s3cret")
    }

    @Test("the pre-JSON .dockercfg (auth = …) is read as Docker Hub's")
    func iniFormat() throws {
        let file = try DockerAuthFile.parse(Data("auth = \(auth)\nemail = johndoe@example.com\n".utf8))
        #expect(file.credentials(forRegistry: "docker.io").credential?.username == "johndoe")
        #expect(throws: DockerAuthFileError.emptyLegacyFile) { try DockerAuthFile.parse(Data("garbage".utf8)) }
        #expect(throws: DockerAuthFileError.invalidLegacyFile) {
            try DockerAuthFile.parse(Data("garbage\nmore\n".utf8))
        }
    }

    @Test("a JSON array or a trailing comma is not an auth file")
    func notAnObject() {
        #expect(throws: DockerAuthFileError.notJSON) { try DockerAuthFile.parse(Data("[1, 2]".utf8)) }
        #expect(
            DockerAuthFileError.notJSON.message
                == "Authentication credentials are not in JSON format as expected. Please generate the credentials using 'docker login'."
        )
        #expect(throws: DockerAuthFileError.invalidLegacyFile) {
            try DockerAuthFile.parse(Data("{\"auths\": {\"quay.io\": {\"auth\": \"\(auth)\"},}\n}".utf8))
        }
    }

    @Test("credential descriptions never show the password")
    func noSecretInDescription() {
        let credential = DockerCredential(username: "johndoe", password: "s3cret")
        #expect(!"\(credential)".contains("s3cret"))
        #expect(!String(reflecting: CredentialLookup.found(credential, key: "quay.io")).contains("s3cret"))
        let file = DockerAuthFile(
            format: .configJSON, auths: ["quay.io": DockerAuthEntry(username: "johndoe", password: "s3cret")])
        #expect(!"\(file)".contains("s3cret"))
        #expect(!String(reflecting: file).contains("s3cret"))
    }
}

@Suite("The ECS agent's dockercfg reading")
struct ECSAgentAuthTests {
    @Test("a config.json file yields no credentials on the ECS agent, with its warning")
    func configJSONOnAgent() {
        let agent = ECSAgentAuth(dockercfg: Data(#"{"auths": {"quay.io": {"auth": "am9obmRvZTpzM2NyZXQ="}}}"#.utf8))
        #expect(agent.auths.isEmpty)
        #expect(agent.warnings == ["Malformed auth data for registry auths; must contain ':'"])
        #expect(agent.credentials(forImage: "quay.io/johndoe/private-image") == nil)
    }

    @Test("a credsStore string makes the whole file unreadable for the agent")
    func credsStoreOnAgent() {
        let agent = ECSAgentAuth(dockercfg: Data(#"{"auths": {}, "credsStore": "desktop"}"#.utf8))
        #expect(agent.warnings == ["Could not parse 'dockercfg' type auth config"])
    }

    @Test("the agent strips schemes and prefers the longest key that prefixes the image")
    func longestMatch() {
        let agent = ECSAgentAuth(
            dockercfg: Data(
                """
                {"https://quay.io": {"auth": "\(GoBase64.encode(Array("team:one".utf8)))"},
                 "quay.io/johndoe": {"auth": "\(GoBase64.encode(Array("johndoe:two".utf8)))"}}
                """.utf8))
        #expect(agent.credentials(forImage: "quay.io/johndoe/private-image:latest")?.password == "two")
        #expect(agent.credentials(forImage: "quay.io/other/image")?.password == "one")
    }
}

@Suite("Writing auth files as docker login does")
struct DockerLoginTests {
    @Test("docker login quay.io writes config.json in docker's layout")
    func configJSON() throws {
        let data = try DockerLogin.configJSON(server: "quay.io", username: "johndoe", password: "s3cret")
        #expect(
            String(decoding: data, as: UTF8.self)
                == "{\n\t\"auths\": {\n\t\t\"quay.io\": {\n\t\t\t\"auth\": \"am9obmRvZTpzM2NyZXQ=\"\n\t\t}\n\t}\n}")
        #expect(try DockerAuthFile.parse(data).credentials(forRegistry: "quay.io").credential?.password == "s3cret")
    }

    @Test("docker login without a server, or with docker.io, stores under Docker Hub's index URL")
    func defaultServer() {
        #expect(DockerLogin.serverKey(nil) == "https://index.docker.io/v1/")
        #expect(DockerLogin.serverKey("docker.io") == "https://index.docker.io/v1/")
        #expect(DockerLogin.serverKey("https://quay.io/v2/") == "quay.io")
        #expect(DockerLogin.serverKey("localhost:5000") == "localhost:5000")
    }

    @Test("a second login keeps the first registry's entry")
    func merge() throws {
        let first = try DockerLogin.configJSON(server: "quay.io", username: "a", password: "b")
        let second = try DockerLogin.configJSON(server: nil, username: "c", password: "d", existing: first)
        let file = try DockerAuthFile.parse(second)
        #expect(file.auths.keys.sorted() == ["https://index.docker.io/v1/", "quay.io"])
        #expect(file.credentials(forRegistry: "quay.io").credential?.username == "a")
    }

    @Test("a login into a file with a credential store fails as docker fails without the helper")
    func credentialStoreLogin() {
        let existing = Data(#"{"auths": {}, "credsStore": "desktop"}"#.utf8)
        #expect(throws: DockerLogin.Failure.credentialHelper(name: "desktop")) {
            try DockerLogin.configJSON(server: "quay.io", username: "a", password: "b", existing: existing)
        }
    }

    @Test("a legacy .dockercfg round-trips through the parser")
    func legacy() throws {
        let data = DockerLogin.dockercfg(
            server: "quay.io", username: "johndoe", password: "s3cret", email: "j@example.com")
        let file = try DockerAuthFile.parse(data)
        #expect(file.format == .dockercfg)
        #expect(file.auths["quay.io"]?.email == "j@example.com")
        #expect(file.credentials(forRegistry: "quay.io").credential?.password == "s3cret")
    }

    @Test("Go's JSON escaping is used for keys and values")
    func escaping() {
        #expect(DockerLogin.goJSONString("a<b>&\"c\"\n") == #""a\u003cb\u003e\u0026\"c\"\n""#)
    }
}
