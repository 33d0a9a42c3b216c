import Foundation
import Testing

@testable import Registry

@Suite("htpasswd registries (Basic)")
struct HtpasswdAccessTests {
    func server() throws -> TestRegistryServer {
        let server = try TestRegistryServer()
        try server.seed(
            """
            {"host": "registry.example.com", "aliases": ["127.0.0.1"], "auth": "basic",
             "users": [{"user": "johndoe", "password": "s3cret"},
                       {"user": "reader", "password": "r34d", "push": []},
                       {"htpasswd": "apache:$2y$05$7bUQLLoSuENRomjRlPAHbuG.cD7lc938LEcqW7JEQ0ydb2RIs/yOO"}],
             "anonymousPull": ["public/*"],
             "images": [{"repository": "johndoe/app", "tag": "latest"}, {"repository": "public/base", "tag": "1"}]}
            """)
        return server
    }

    @Test("the ping without credentials is 401 with registry:2's Basic challenge")
    func pingChallenge() throws {
        let server = try server()
        let response = try server.send("GET", "/v2/")
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == "Basic realm=\"Registry Realm\"")
        #expect(response.isAPIVersioned)
        #expect(response.errorCodes == ["UNAUTHORIZED"])
        #expect(response.errorMessage == "authentication required")
    }

    @Test("the right password is let in; the ping answers {}")
    func rightPassword() throws {
        let server = try server()
        let response = try server.send("GET", "/v2/", headers: [basic("johndoe", "s3cret")])
        #expect(response.status == 200)
        #expect(response.text == "{}\n")
        #expect(response.isAPIVersioned)
        #expect(
            try server.send("GET", "/v2/johndoe/app/manifests/latest", headers: [basic("apache", "s3cret")]).status
                == 200)
    }

    @Test("a wrong password or an unknown user is 401 with the challenge and the access asked for")
    func wrongPassword() throws {
        let server = try server()
        for credentials in [
            basic("johndoe", "wrong"), basic("nobody", "s3cret"), ("Authorization", "Basic bm9jb2xvbg=="),
        ] {
            let response = try server.send("GET", "/v2/johndoe/app/manifests/latest", headers: [credentials])
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == "Basic realm=\"Registry Realm\"")
            let detail =
                (try response.jsonObject()["errors"] as? [[String: Any]])?.first?["detail"] as? [[String: String]]
            #expect(detail == [["Type": "repository", "Class": "", "Name": "johndoe/app", "Action": "pull"]])
        }
    }

    @Test("missing credentials are 401 even for a repository that does not exist")
    func authBeforeExistence() throws {
        let server = try server()
        let response = try server.send("GET", "/v2/nothing/here/manifests/latest")
        #expect(response.status == 401)
        #expect(response.errorCodes == ["UNAUTHORIZED"])
    }

    @Test("a user without push permission is 403 DENIED when pushing")
    func denied() throws {
        let server = try server()
        let response = try server.send("POST", "/v2/johndoe/app/blobs/uploads/", headers: [basic("reader", "r34d")])
        #expect(response.status == 403)
        #expect(response.errorCodes == ["DENIED"])
        #expect(response.errorMessage == "requested access to the resource is denied")
        #expect(try server.send("GET", "/v2/johndoe/app/tags/list", headers: [basic("reader", "r34d")]).status == 200)
    }

    @Test("public repositories pull without credentials; pushing to them still needs them")
    func anonymousPull() throws {
        let server = try server()
        #expect(try server.send("GET", "/v2/public/base/manifests/1").status == 200)
        #expect(try server.send("POST", "/v2/public/base/blobs/uploads/").status == 401)
        #expect(try server.send("GET", "/v2/_catalog").status == 401)
    }

    @Test("a whole push and pull works with Basic credentials")
    func roundTrip() throws {
        let server = try server()
        let image = TestImage(format: .oci, seed: "basic")
        try server.push(image, to: "johndoe/new", tag: "v1", headers: [basic("johndoe", "s3cret")])
        let response = try server.send(
            "GET", "/v2/johndoe/new/manifests/v1",
            headers: [basic("johndoe", "s3cret"), ("Accept", MediaType.ociManifest)])
        #expect(response.status == 200)
        #expect(response.body == image.manifest)
        #expect(response.header("Docker-Content-Digest") == image.digest)
    }
}
