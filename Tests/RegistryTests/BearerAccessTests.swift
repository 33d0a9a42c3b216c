import Foundation
import TestSupport
import Testing

@testable import Registry

@Suite("Bearer-token registries (Docker Hub style)")
struct BearerAccessTests {
    func server() throws -> TestRegistryServer {
        let server = try TestRegistryServer()
        try server.seed(
            """
            {"host": "docker.io", "aliases": ["127.0.0.1"], "auth": "bearer", "tokenLifetime": 300,
             "users": [{"user": "johndoe", "password": "s3cret", "push": ["johndoe/*"]}],
             "anonymousPull": ["library/*"],
             "images": [{"repository": "johndoe/private-image", "tag": "latest"}, {"repository": "nginx", "tag": "stable"}]}
            """)
        return server
    }

    func token(
        _ server: TestRegistryServer, scope: String?, credentials: (String, String)? = basic("johndoe", "s3cret")
    )
        throws -> String
    {
        var path = "/_ebauth/registries/docker.io/token?service=registry.docker.io"
        if let scope { path += "&scope=" + scope }
        let response = try server.send("GET", path, headers: credentials.map { [$0] } ?? [])
        guard response.status == 200, let token = try response.jsonObject()["token"] as? String else {
            throw TestFailure("token: \(response.status) \(response.text)")
        }
        return token
    }

    @Test("requests without a token get Docker Hub's Bearer challenge with realm, service and scope")
    func challenge() throws {
        let server = try server()
        let realm = "\(server.server.endpoint)/_ebauth/registries/docker.io/token"
        let ping = try server.send("GET", "/v2/")
        #expect(ping.status == 401)
        #expect(ping.header("WWW-Authenticate") == "Bearer realm=\"\(realm)\",service=\"registry.docker.io\"")
        let pull = try server.send("GET", "/v2/johndoe/private-image/manifests/latest")
        #expect(
            pull.header("WWW-Authenticate")
                == "Bearer realm=\"\(realm)\",service=\"registry.docker.io\",scope=\"repository:johndoe/private-image:pull\""
        )
        let push = try server.send("POST", "/v2/johndoe/private-image/blobs/uploads/")
        #expect(
            push.header("WWW-Authenticate")?.hasSuffix("scope=\"repository:johndoe/private-image:pull,push\"") == true)
        #expect(push.errorCodes == ["UNAUTHORIZED"])
    }

    @Test("the token endpoint issues a short-lived token that pulls")
    func tokenFlow() throws {
        let server = try server()
        let response = try server.send(
            "GET",
            "/_ebauth/registries/docker.io/token?service=registry.docker.io&scope=repository:johndoe/private-image:pull",
            headers: [basic("johndoe", "s3cret")])
        #expect(response.status == 200)
        let body = try response.jsonObject()
        let token = try #require(body["token"] as? String)
        #expect(body["access_token"] as? String == token)
        #expect(body["expires_in"] as? Int == 300)
        #expect((body["issued_at"] as? String)?.hasSuffix("Z") == true)
        #expect(token.count >= 40)
        let pull = try server.send(
            "GET", "/v2/johndoe/private-image/manifests/latest", headers: [("Authorization", "Bearer \(token)")])
        #expect(pull.status == 200)
        #expect(try server.send("GET", "/v2/", headers: [("Authorization", "Bearer \(token)")]).status == 200)
    }

    @Test("a wrong password at the token endpoint is 401")
    func wrongPassword() throws {
        let server = try server()
        let response = try server.send(
            "GET",
            "/_ebauth/registries/docker.io/token?service=registry.docker.io&scope=repository:johndoe/private-image:pull",
            headers: [basic("johndoe", "nope")])
        #expect(response.status == 401)
        #expect(response.errorCodes == ["UNAUTHORIZED"])
        #expect(response.errorMessage == "incorrect username or password")
        #expect(!response.text.contains("nope"))
    }

    @Test("a token for one scope does not open another, and pull does not allow push")
    func scopes() throws {
        let server = try server()
        let pullOnly = try token(server, scope: "repository:johndoe/private-image:pull")
        let push = try server.send(
            "POST", "/v2/johndoe/private-image/blobs/uploads/", headers: [("Authorization", "Bearer \(pullOnly)")])
        #expect(push.status == 401)
        #expect(push.header("WWW-Authenticate")?.hasSuffix(",error=\"insufficient_scope\"") == true)
        let other = try server.send(
            "GET", "/v2/library/nginx/manifests/stable", headers: [("Authorization", "Bearer \(pullOnly)")])
        #expect(other.status == 401)
        let pushToken = try token(server, scope: "repository:johndoe/private-image:pull,push")
        #expect(
            try server.send(
                "POST", "/v2/johndoe/private-image/blobs/uploads/", headers: [("Authorization", "Bearer \(pushToken)")]
            ).status == 202)
    }

    @Test("scopes the user does not have are left out of the token")
    func ungrantedScopes() throws {
        let server = try server()
        let response = try server.send(
            "GET", "/_ebauth/registries/docker.io/token?service=registry.docker.io&scope=repository:jane/app:pull,push",
            headers: [basic("johndoe", "s3cret")])
        let token = try #require(try response.jsonObject()["token"] as? String)
        let push = try server.send(
            "POST", "/v2/jane/app/blobs/uploads/", headers: [("Authorization", "Bearer \(token)")])
        #expect(push.status == 401)
        #expect(push.header("WWW-Authenticate")?.contains("insufficient_scope") == true)
    }

    @Test("tokens expire, and unknown tokens are invalid")
    func expiry() throws {
        let server = try server()
        let token = try token(server, scope: "repository:johndoe/private-image:pull")
        server.clock.advance(299)
        #expect(
            try server.send(
                "GET", "/v2/johndoe/private-image/tags/list", headers: [("Authorization", "Bearer \(token)")]
            ).status == 200)
        server.clock.advance(2)
        let expired = try server.send(
            "GET", "/v2/johndoe/private-image/tags/list", headers: [("Authorization", "Bearer \(token)")])
        #expect(expired.status == 401)
        #expect(expired.header("WWW-Authenticate")?.hasSuffix(",error=\"invalid_token\"") == true)
        let garbage = try server.send("GET", "/v2/", headers: [("Authorization", "Bearer not-a-token")])
        #expect(garbage.status == 401)
        #expect(garbage.header("WWW-Authenticate")?.contains("invalid_token") == true)
    }

    @Test("anonymous tokens pull public images only")
    func anonymous() throws {
        let server = try server()
        let token = try token(server, scope: "repository:library/nginx:pull", credentials: nil)
        #expect(
            try server.send(
                "GET", "/v2/library/nginx/manifests/stable", headers: [("Authorization", "Bearer \(token)")]
            ).status == 200)
        let anonymousPrivate = try self.token(server, scope: "repository:johndoe/private-image:pull", credentials: nil)
        let denied = try server.send(
            "GET", "/v2/johndoe/private-image/manifests/latest",
            headers: [("Authorization", "Bearer \(anonymousPrivate)")])
        #expect(denied.status == 401)
    }

    @Test("the OAuth2 password grant issues tokens too")
    func oauth() throws {
        let server = try server()
        let form =
            "grant_type=password&username=johndoe&password=s3cret&service=registry.docker.io&scope=repository%3Ajohndoe%2Fprivate-image%3Apull&client_id=test"
        let response = try server.send(
            "POST", "/_ebauth/registries/docker.io/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(form.utf8))
        #expect(response.status == 200)
        let body = try response.jsonObject()
        let token = try #require(body["access_token"] as? String)
        #expect(body["scope"] as? String == "repository:johndoe/private-image:pull")
        #expect(
            try server.send(
                "GET", "/v2/johndoe/private-image/manifests/latest", headers: [("Authorization", "Bearer \(token)")]
            ).status == 200)
    }

    @Test("a token for another service is refused, and a token of another registry does not work here")
    func crossRegistry() throws {
        let server = try server()
        let wrongService = try server.send(
            "GET", "/_ebauth/registries/docker.io/token?service=quay.io&scope=repository:johndoe/private-image:pull",
            headers: [basic("johndoe", "s3cret")])
        #expect(wrongService.status == 400)
        try server.seed(
            #"{"host": "quay.io", "aliases": ["localhost"], "auth": "bearer", "users": [{"user": "johndoe", "password": "s3cret"}]}"#
        )
        let quayToken = try server.send(
            "GET", "/_ebauth/registries/quay.io/token?scope=repository:johndoe/private-image:pull",
            headers: [basic("johndoe", "s3cret")])
        let token = try #require(try quayToken.jsonObject()["token"] as? String)
        let response = try server.send(
            "GET", "/v2/johndoe/private-image/manifests/latest", headers: [("Authorization", "Bearer \(token)")])
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate")?.contains("invalid_token") == true)
    }

    @Test("Docker Hub names: a one-component repository is seeded under library/")
    func libraryNames() throws {
        let server = try server()
        let token = try token(server, scope: "repository:library/nginx:pull")
        let tags = try server.send(
            "GET", "/v2/library/nginx/tags/list", headers: [("Authorization", "Bearer \(token)")])
        #expect(try tags.jsonObject()["tags"] as? [String] == ["stable"])
    }
}
