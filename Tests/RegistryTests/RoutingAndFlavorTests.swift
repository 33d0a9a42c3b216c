import Foundation
import HTTPServer
import Storage
import Testing

@testable import Registry

@Suite("Host routing")
struct HostRoutingTests {
    @Test("a request goes to the registry whose host or alias is its Host, with or without the port")
    func byHost() throws {
        let server = try TestRegistryServer()
        try server.seed(#"{"host": "quay.io", "auth": "none", "repositories": ["q/app"]}"#)
        try server.seed(
            #"{"host": "registry.example.com:5000", "aliases": ["localhost"], "auth": "none", "repositories": ["e/app"]}"#
        )
        func catalog(_ host: String) throws -> [String]? {
            try server.send("GET", "/v2/_catalog", host: host).jsonObject()["repositories"] as? [String]
        }
        #expect(try catalog("quay.io") == ["q/app"])
        #expect(try catalog("QUAY.IO:4566") == ["q/app"])
        #expect(try catalog("quay.io.") == ["q/app"])
        #expect(try catalog("registry.example.com:5000") == ["e/app"])
        #expect(try catalog("localhost:\(server.port)") == ["e/app"])
        let unknown = try server.send("GET", "/v2/_catalog", host: "127.0.0.1:\(server.port)")
        #expect(unknown.status == 404)
        #expect(
            unknown.errorMessage
                == "no registry is configured for host '127.0.0.1:\(server.port)' (seed one with POST /_ebauth/registries)"
        )
    }

    @Test("the default registry answers hosts nobody claims")
    func defaultRegistry() throws {
        let server = try TestRegistryServer()
        try server.seed(#"{"host": "quay.io", "auth": "none", "default": true, "repositories": ["q/app"]}"#)
        try server.seed(#"{"host": "other.io", "auth": "none", "repositories": ["o/app"]}"#)
        #expect(
            try server.send("GET", "/v2/_catalog", host: "127.0.0.1:1234").jsonObject()["repositories"] as? [String]
                == ["q/app"])
        #expect(
            try server.send("GET", "/v2/_catalog", host: "other.io").jsonObject()["repositories"] as? [String] == [
                "o/app"
            ])
        // Only one default: marking another moves it.
        try server.seed(#"{"host": "other.io", "auth": "none", "default": true}"#)
        #expect(
            try server.send("GET", "/v2/_catalog", host: "127.0.0.1:1234").jsonObject()["repositories"] as? [String]
                == ["o/app"])
    }

    @Test("Docker Hub's other names reach docker.io")
    func dockerHubAliases() throws {
        let server = try TestRegistryServer()
        try server.seed(#"{"host": "docker.io", "auth": "none", "repositories": ["library/nginx"]}"#)
        for host in ["registry-1.docker.io", "index.docker.io", "docker.io:443"] {
            #expect(
                try server.send("GET", "/v2/_catalog", host: host).jsonObject()["repositories"] as? [String] == [
                    "library/nginx"
                ])
        }
    }

    @Test("host candidates: host:port first, then the bare host; IPv6 keeps its brackets")
    func candidates() {
        #expect(HostName.candidates("Quay.IO:443") == ["quay.io:443", "quay.io"])
        #expect(HostName.candidates("quay.io") == ["quay.io"])
        #expect(HostName.candidates("[::1]:4566") == ["[::1]:4566", "[::1]"])
        #expect(HostName.candidates(nil) == [])
    }
}

/// An access control like ECR's: Basic `AWS:<token>`, plain-text 401 otherwise.
struct FakeECRAccess: RegistryAccessControl {
    func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction) throws(RegistryError)
        -> RegistryPrincipal
    {
        guard let credentials = BasicCredentials(request), credentials.user == "AWS" else {
            throw .unauthorized(
                challenge:
                    #"Basic realm="https://123456789012.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com""#)
        }
        guard credentials.password == "good" else {
            throw .denied(message: "Your authorization token has expired. Reauthenticate and try again.")
        }
        return RegistryPrincipal(name: "AWS", attributes: ["account": "123456789012"])
    }
}

@Suite("ECR flavour")
struct ECRFlavorTests {
    let host = "123456789012.dkr.ecr.us-east-1.localhost:4566"
    let credentials = basic("AWS", "good")

    func server() throws -> TestRegistryServer {
        try TestRegistryServer(ecrAccess: { FakeECRAccess() })
    }

    @Test("a missing repository and a missing tag are worded as ECR words them, without details")
    func messages() throws {
        let server = try server()
        let namespace = RegistryNamespace.ecr(accountID: "123456789012", region: "us-east-1")
        try server.backend.store.write { try $0.createRepository(namespace.id, "web") }
        let repository = try server.send("GET", "/v2/missing/manifests/latest", host: host, headers: [credentials])
        #expect(repository.status == 404)
        #expect(
            repository.text
                == #"{"errors":[{"code":"NAME_UNKNOWN","message":"The repository with name 'missing' does not exist in the registry with id '123456789012'"}]}"#
                + "\n")
        let blob = try server.send(
            "GET", "/v2/missing/blobs/sha256:\(String(repeating: "a", count: 64))", host: host, headers: [credentials])
        #expect(blob.errorCodes == ["NAME_UNKNOWN"])
        let tag = try server.send("GET", "/v2/web/manifests/latest", host: host, headers: [credentials])
        #expect(tag.text == #"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"Requested image not found"}]}"# + "\n")
    }

    @Test("pushes do not create repositories: NAME_UNKNOWN until the repository exists")
    func noImplicitRepositories() throws {
        let server = try server()
        let image = TestImage()
        let start = try server.send("POST", "/v2/web/blobs/uploads/", host: host, headers: [credentials])
        #expect(start.status == 404)
        #expect(start.errorCodes == ["NAME_UNKNOWN"])
        let put = try server.send(
            "PUT", "/v2/web/manifests/v1", host: host,
            headers: [credentials, ("Content-Type", image.manifestMediaType)], body: image.manifest)
        #expect(put.errorCodes == ["NAME_UNKNOWN"])
        let namespace = RegistryNamespace.ecr(accountID: "123456789012", region: "us-east-1")
        try server.backend.store.write { try $0.createRepository(namespace.id, "web") }
        try server.push(image, to: "web", tag: "v1", host: host, headers: [credentials])
        #expect(
            try server.send("GET", "/v2/web/manifests/v1", host: host, headers: [credentials]).body == image.manifest)
    }

    @Test("a missing credential is 401 with the Basic challenge and a plain Not Authorized body")
    func unauthorized() throws {
        let server = try server()
        let response = try server.send("GET", "/v2/", host: host)
        #expect(response.status == 401)
        #expect(
            response.header("WWW-Authenticate")
                == #"Basic realm="https://123456789012.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com""#)
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.text == "Not Authorized")
        #expect(response.isAPIVersioned)
    }

    @Test("an access control's DENIED text reaches the client verbatim")
    func denied() throws {
        let server = try server()
        let response = try server.send("GET", "/v2/web/manifests/v1", host: host, headers: [basic("AWS", "stale")])
        #expect(response.status == 403)
        #expect(
            response.text
                == #"{"errors":[{"code":"DENIED","message":"Your authorization token has expired. Reauthenticate and try again."}]}"#
                + "\n")
    }

    @Test("the two flavours keep their content apart")
    func separateNamespaces() throws {
        let server = try server()
        try server.seed(#"{"host": "open.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
        try server.push(TestImage(), to: "web", tag: "v1")
        #expect(
            try server.send("GET", "/v2/web/manifests/v1", host: host, headers: [credentials]).errorCodes == [
                "NAME_UNKNOWN"
            ])
    }
}

@Suite("Error catalogue")
struct ErrorCatalogueTests {
    @Test("every code has its registry:2 status, and codes are unique")
    func table() {
        #expect(Set(RegistryErrorCode.all.map(\.value)).count == RegistryErrorCode.all.count)
        let statuses = Dictionary(uniqueKeysWithValues: RegistryErrorCode.all.map { ($0.value, $0.status) })
        #expect(statuses["UNAUTHORIZED"] == 401)
        #expect(statuses["DENIED"] == 403)
        #expect(statuses["RANGE_INVALID"] == 416)
        #expect(statuses["BLOB_UPLOAD_INVALID"] == 404)
        #expect(statuses["UNSUPPORTED"] == 405)
        #expect(statuses["TOOMANYREQUESTS"] == 429)
    }

    @Test("each error's status matches its code's catalogue entry")
    func statuses() {
        let errors: [RegistryError] = [
            .unauthorized(challenge: "x"), .denied(), .unsupported(), .nameInvalid("a"), .nameUnknown("a"),
            .manifestUnknown(.tag("t")), .manifestInvalid(detail: "d"), .manifestBlobUnknown(["d"]), .blobUnknown("d"),
            .blobUploadUnknown("i"), .digestInvalid(detail: "d"), .rangeInvalid(location: "l", uploadID: "i", size: 1),
            .tagInvalid("t"), .paginationNumberInvalid("n"), .unknown,
        ]
        for error in errors {
            let (status, _, entries) = error.entries(for: .distribution(host: "h"))
            #expect(entries.allSatisfy { $0.code.status == status }, "\(error)")
        }
    }

    @Test("a custom error carries its own code, status and headers")
    func custom() {
        let response = RegistryError.custom(
            code: "DENIED", status: 400, message: "bad region", headers: [RegistryHeader("X-Test", "1")]
        )
        .response(for: nil)
        #expect(response.status == 400)
        #expect(response.headers["X-Test"] == "1")
    }
}
