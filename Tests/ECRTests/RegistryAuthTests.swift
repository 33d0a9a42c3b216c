import AWSCore
import Foundation
import Registry
import TestSupport
import Testing

@testable import ECR

@Suite("Registry authentication")
struct RegistryAuthTests {
    static let host = "000000000000.dkr.ecr.us-east-1.amazonaws.com"

    @Test("no credentials: 401 with ECR's Basic challenge and a plain-text body", arguments: TestApp.Mode.allCases)
    func challenge(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { world in
            let response = try world.send("GET", "/v2/", host: "123456789012.dkr.ecr.eu-west-1.amazonaws.com:4566")
            #expect(response.status == 401)
            #expect(
                response.header("WWW-Authenticate")
                    == #"Basic realm="https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com""#
            )
            #expect(response.header("Docker-Distribution-API-Version") == "registry/2.0")
            #expect(response.text == "Not Authorized")
            // A bare host names the default account in us-east-1 until a token says otherwise.
            let bare = try world.send("GET", "/v2/")
            #expect(bare.header("WWW-Authenticate")?.contains("000000000000.dkr.ecr.us-east-1.amazonaws.com") == true)
        }
    }

    @Test("a token logs in; an unknown password or user is 400", arguments: TestApp.Mode.allCases)
    func login(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { world in
            let password = try world.loginPassword()
            #expect(try world.send("GET", "/v2/", host: Self.host, headers: [world.basic(password)]).status == 200)
            #expect(try world.send("GET", "/v2/", host: Self.host, headers: [world.basic("nope")]).status == 400)
            let wrongUser = ("Authorization", BasicCredentials(user: "johndoe", password: password).headerValue)
            #expect(try world.send("GET", "/v2/", host: Self.host, headers: [wrongUser]).status == 400)
        }
    }

    @Test("a token is good for 12 hours, then denied with ECR's text")
    func expiry() throws {
        let world = try ECRWorld()
        let password = try world.password()
        world.clock.advance(12 * 3600 - 1)
        #expect(try world.send("GET", "/v2/", host: Self.host, headers: [world.basic(password)]).status == 200)
        world.clock.advance(1)
        let expired = try world.send("GET", "/v2/", host: Self.host, headers: [world.basic(password)])
        #expect(expired.status == 403)
        #expect(expired.errorCode == "DENIED")
        #expect(expired.errorMessage == "Your authorization token has expired. Reauthenticate and try again.")
    }

    @Test("a token from another region is 400")
    func otherRegion() throws {
        let world = try ECRWorld()
        let password = try world.password(region: "eu-west-1")
        let response = try world.send("GET", "/v2/", host: Self.host, headers: [world.basic(password)])
        #expect(response.status == 400)
        #expect(response.errorCode == "DENIED")
        #expect(
            try world.send(
                "GET", "/v2/", host: "000000000000.dkr.ecr.eu-west-1.localhost:4566", headers: [world.basic(password)]
            ).status == 200)
    }

    @Test("a bare host means the registry the token was asked for")
    func bareHost() throws {
        let world = try ECRWorld()
        try world.createRepository("team/app", account: "111111111111")
        let password = try world.password(registryIDs: ["111111111111"])
        let pushed = try world.push(
            TestImage(seed: "bare"), to: "team/app", tag: "v1", password: password, host: "localhost:4566")
        #expect(pushed.status == 201)
        let listed = try world.backend.listImages(
            ListImagesRequest(repositoryName: "team/app"), context: world.context("ListImages", account: "111111111111")
        )
        #expect(listed.imageIds.map(\.imageTag) == ["v1"])
    }

    @Test("each registry request asks IAM for its ECR action with the repository's policy and owner")
    func iamActions() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]}"#
        _ = try world.backend.setRepositoryPolicy(
            SetRepositoryPolicyRequest(repositoryName: "web/app", policyText: policy),
            context: world.context("SetRepositoryPolicy"))
        let password = try world.password()
        let image = TestImage(seed: "actions")
        world.authorizer.reset()
        #expect(try world.push(image, to: "web/app", tag: "v1", password: password, host: Self.host).status == 201)
        let layer = image.layers[0].digest
        let auth = [world.basic(password)]
        #expect(try world.send("GET", "/v2/web/app/manifests/v1", host: Self.host, headers: auth).status == 200)
        #expect(try world.send("HEAD", "/v2/web/app/blobs/\(layer)", host: Self.host, headers: auth).status == 200)
        #expect(try world.send("GET", "/v2/web/app/blobs/\(layer)", host: Self.host, headers: auth).status == 307)
        #expect(try world.send("GET", "/v2/web/app/tags/list", host: Self.host, headers: auth).status == 200)
        #expect(try world.send("GET", "/v2/_catalog", host: Self.host, headers: auth).status == 200)
        #expect(try world.send("GET", "/v2/", host: Self.host, headers: auth).status == 200)
        let asked = world.authorizer.requests
        #expect(
            asked.map(\.action) == [
                "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:ListImages",
                "ecr:DescribeRepositories",
            ])
        #expect(asked.dropLast().allSatisfy { $0.resource == "arn:aws:ecr:us-east-1:000000000000:repository/web/app" })
        #expect(asked.dropLast().allSatisfy { $0.resourcePolicy == policy && $0.resourceAccountID == "000000000000" })
        #expect(asked.last?.resource == "*")
    }

    @Test("a pull IAM refuses is 403 DENIED with IAM's text, before the registry looks for the image")
    func denied() throws {
        let world = try ECRWorld()
        world.authorizer.deny("ecr:BatchGetImage")
        let caller = CallerIdentity(
            accountID: "222222222222", arn: "arn:aws:sts::222222222222:assumed-role/web/i-0abc", userID: "AROA:i-0abc",
            accessKeyID: "ASIAEXAMPLE", kind: .assumedRole)
        let password = try world.password(account: "222222222222", caller: caller)
        let response = try world.send(
            "GET", "/v2/web/missing/manifests/v1", host: Self.host, headers: [world.basic(password)])
        #expect(response.status == 403)
        #expect(
            response.errorMessage
                == "User: arn:aws:sts::222222222222:assumed-role/web/i-0abc is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:000000000000:repository/web/missing because no resource-based policy allows the ecr:BatchGetImage action"
        )
    }

    @Test("missing repository and tag read as ECR words them")
    func missing() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let auth = [world.basic(try world.password())]
        let repository = try world.send("GET", "/v2/web/nope/manifests/v1", host: Self.host, headers: auth)
        #expect(repository.status == 404)
        #expect(repository.errorCode == "NAME_UNKNOWN")
        #expect(
            repository.errorMessage
                == "The repository with name 'web/nope' does not exist in the registry with id '000000000000'")
        let tag = try world.send("GET", "/v2/web/app/manifests/v1", host: Self.host, headers: auth)
        #expect(tag.errorCode == "MANIFEST_UNKNOWN")
        #expect(tag.errorMessage == "Requested image not found")
        // ECR creates no repository on push.
        let push = try world.push(
            TestImage(seed: "np"), to: "web/other", tag: "v1", password: try world.password(), host: Self.host)
        #expect(push.errorCode == "NAME_UNKNOWN")
        // Layers are not deleted through ECR's registry.
        #expect(
            try world.send(
                "DELETE", "/v2/web/app/blobs/sha256:\(String(repeating: "a", count: 64))", host: Self.host,
                headers: auth
            ).status == 405)
    }
}

@Suite("Registry host names")
struct HostNameTests {
    @Test("the server's own port is read from its endpoint as URLComponents reads it")
    func endpointPort() {
        for endpoint in [
            "http://127.0.0.1:5000", "http://127.0.0.1:5000/", "http://[::1]:4566", "http://[::1]", "http://localhost",
            "https://example.com:443/path?x=1#y", "http://127.0.0.1:", "http://host:12ab", "127.0.0.1:5000", "",
        ] {
            let expected = URLComponents(string: endpoint)?.port
            #expect(ECRHost.port(of: endpoint) == expected, "\(endpoint)")
        }
    }

    @Test("ECR names with and without a port; other names are not ECR's")
    func parse() {
        #expect(
            ECRHost.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com")
                == ECRRegistry(accountID: "123456789012", region: "us-east-1"))
        #expect(
            ECRHost.parse("123456789012.dkr.ecr.eu-west-1.localhost:4566")
                == ECRRegistry(accountID: "123456789012", region: "eu-west-1"))
        #expect(
            ECRHost.parse("123456789012.DKR.ECR.cn-north-1.amazonaws.com.cn.")
                == ECRRegistry(accountID: "123456789012", region: "cn-north-1"))
        #expect(ECRHost.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com") != nil)
        #expect(ECRHost.parse("12345.dkr.ecr.us-east-1.amazonaws.com") == nil)
        #expect(ECRHost.parse("123456789012.dkr.ecr.us-east-1.example.com") == nil)
        #expect(ECRHost.parse("127.0.0.1:4566") == nil)
        #expect(ECRHost.parse("quay.io") == nil)
        // The quick check for a `dkr.` label must not refuse what the full parse accepts.
        #expect(
            ECRHost.parse("  123456789012.DKR.ECR.us-east-1.localhost  ")
                == ECRRegistry(accountID: "123456789012", region: "us-east-1"))
        for host in [
            "123456789012.d\u{212A}r.ecr.us-east-1.amazonaws.com", "123456789012.dkr.ecr.us-east-1.amazonaws.com:443",
            "DKR.", "dkr", "127.0.0.1:4566", "x.dkr.y", "\t123456789012.dkr.ecr.us-east-1.amazonaws.com.",
        ] {
            #expect(ECRHost.parse(host) == ECRHost.parseName(host), "\(host)")
        }
    }
}
