import Testing

@testable import Beanstalk

@Suite("Image references")
struct ImageReferenceTests {
    @Test(
        "names are normalised as docker normalises them",
        arguments: [
            ("nginx", "docker.io/library/nginx:latest", "nginx:latest"),
            ("nginx:1.27", "docker.io/library/nginx:1.27", "nginx:1.27"),
            ("johndoe/app", "docker.io/johndoe/app:latest", "johndoe/app:latest"),
            ("docker.io/nginx", "docker.io/library/nginx:latest", "nginx:latest"),
            ("index.docker.io/johndoe/app:2", "docker.io/johndoe/app:2", "johndoe/app:2"),
            (
                "quay.io/johndoe/private-image", "quay.io/johndoe/private-image:latest",
                "quay.io/johndoe/private-image:latest"
            ),
            ("localhost:5000/team/app:dev", "localhost:5000/team/app:dev", "localhost:5000/team/app:dev"),
            ("localhost/app", "localhost/app:latest", "localhost/app:latest"),
            ("[::1]:5000/app", "[::1]:5000/app:latest", "[::1]:5000/app:latest"),
            (
                "registry-1.docker.io/library/nginx", "registry-1.docker.io/library/nginx:latest",
                "registry-1.docker.io/library/nginx:latest"
            ),
        ])
    func normalisation(input: String, canonical: String, familiar: String) throws {
        let reference = try ImageReference.parse(input)
        #expect(reference.canonical == canonical)
        #expect(reference.familiar == familiar)
    }

    @Test("a digest is kept, and with a digest no :latest is added")
    func digests() throws {
        let digest = "sha256:" + String(repeating: "a", count: 64)
        let byDigest = try ImageReference.parse("nginx@" + digest)
        #expect(byDigest.canonical == "docker.io/library/nginx@" + digest)
        #expect(byDigest.manifestReference == digest)
        let both = try ImageReference.parse("quay.io/x/y:1@" + digest)
        #expect(both.tag == "1")
        #expect(both.digest == digest)
        #expect(both.manifestReference == digest)
    }

    @Test("ECR hosts are recognised with their account and region")
    func ecrHosts() throws {
        let image = try ImageReference.parse("123456789012.dkr.ecr.us-east-2.amazonaws.com/repository-name:latest")
        #expect(image.registry == .ecr(account: "123456789012", region: "us-east-2"))
        #expect(image.path == "repository-name")
        #expect(image.credentialKey == "123456789012.dkr.ecr.us-east-2.amazonaws.com")
        let china = try ImageReference.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app")
        #expect(china.registry == .ecr(account: "123456789012", region: "cn-north-1"))
        #expect(try ImageReference.parse("public.ecr.aws/nginx/nginx").registry == .ecrPublic)
        #expect(try ImageReference.parse("quay.io/a/b").registry == .other(host: "quay.io"))
        #expect(
            try ImageReference.parse("123456789012.dkr.ecr.us-east-2.example.com/app").registry
                == .other(host: "123456789012.dkr.ecr.us-east-2.example.com"))
    }

    @Test("Docker Hub images are pulled from registry-1.docker.io and keyed by the index URL")
    func dockerHub() throws {
        let image = try ImageReference.parse("johndoe/app")
        #expect(image.registry == .dockerHub)
        #expect(image.pullHost == "registry-1.docker.io")
        #expect(image.credentialKey == "https://index.docker.io/v1/")
        #expect(try ImageReference.parse("quay.io/a/b").pullHost == "quay.io")
    }

    @Test(
        "invalid names give docker's messages",
        arguments: [
            ("", ImageReferenceError.invalidFormat, "invalid reference format"),
            (
                "Nginx", .uppercaseRepository(remote: "library/Nginx"),
                "invalid reference format: repository name (library/Nginx) must be lowercase"
            ),
            (
                "johndoe/App", .uppercaseRepository(remote: "johndoe/App"),
                "invalid reference format: repository name (johndoe/App) must be lowercase"
            ),
            ("my image", .invalidFormat, "invalid reference format"),
            ("quay.io/a/b:", .invalidFormat, "invalid reference format"),
            (
                String(repeating: "a", count: 64), .hexIdentifier(String(repeating: "a", count: 64)),
                "invalid repository name (\(String(repeating: "a", count: 64))), cannot specify 64-byte hexadecimal strings"
            ),
            (
                "nginx@sha256:" + String(repeating: "a", count: 40), .digestInvalidLength,
                "invalid checksum digest length"
            ),
            ("nginx@md5:" + String(repeating: "a", count: 32), .digestUnsupported, "unsupported digest algorithm"),
            (
                "nginx@sha256:" + String(repeating: "A", count: 64), .digestInvalidFormat,
                "invalid checksum digest format"
            ),
        ])
    func invalid(input: String, error: ImageReferenceError, message: String) {
        #expect(throws: error) { try ImageReference.parse(input) }
        #expect(error.message == message)
    }

    @Test("a repository name over 255 characters is refused")
    func tooLong() {
        let name = "quay.io/" + String(repeating: "a", count: 256)
        #expect(throws: ImageReferenceError.nameTooLong) { try ImageReference.parse(name) }
    }

    @Test("the older wording Beanstalk documents is available for events")
    func legacyWording() {
        #expect(
            ImageReferenceError.legacyRepositoryMessage(repository: "")
                == "Invalid repository name (), only [a-z0-9-_.] are allowed")
        #expect(
            ImageReferenceError.pullEventMessage(imageName: "localhost:5000/App")
                == "Failed to pull Docker image localhost:5000/App: Invalid repository name (localhost:5000/App), only [a-z0-9-_.] are allowed. Tail the logs for more details."
        )
    }
}
