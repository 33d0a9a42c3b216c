import Foundation
import Storage
import TestSupport
import Testing

@testable import Registry

@Suite("Registry admin API")
struct AdminTests {
    @Test("creating a registry answers its summary and the images pushed, never passwords or hashes")
    func create() throws {
        let server = try TestRegistryServer()
        let body = try server.seed(
            """
            {"host": "Quay.IO", "aliases": ["127.0.0.1"], "auth": "basic",
             "users": [{"user": "johndoe", "password": "s3cret"}],
             "repositories": ["johndoe/empty"],
             "images": [{"repository": "johndoe/app", "tag": "v1", "format": "oci", "layers": 3}]}
            """)
        #expect(body["host"] as? String == "quay.io")
        #expect(body["users"] as? [String] == ["johndoe"])
        #expect(body["repositories"] as? [String] == ["johndoe/app", "johndoe/empty"])
        let image = (body["images"] as? [[String: String]])?.first
        #expect(image?["digest"] == TestImage(format: .oci, layerCount: 3, seed: "quay.io/johndoe/app:v1").digest)
        let listing = try server.send("GET", "/_ebauth/registries")
        #expect(listing.status == 200)
        #expect(!listing.text.contains("s3cret"))
        #expect(!listing.text.contains("$2y$"))
        #expect(try server.send("GET", "/_ebauth/registries/quay.io").status == 200)
        #expect(try server.send("GET", "/_ebauth/registries/nope.io").status == 404)
    }

    @Test("replacing a registry keeps its images and revokes its tokens")
    func replace() throws {
        let server = try TestRegistryServer()
        let seed =
            #"{"host": "hub.test", "aliases": ["127.0.0.1"], "auth": "bearer", "users": [{"user": "u", "password": "p"}], "images": [{"repository": "u/app"}]}"#
        try server.seed(seed)
        let token = try server.send(
            "GET", "/_ebauth/registries/hub.test/token?scope=repository:u/app:pull", headers: [basic("u", "p")])
        let value = try #require(try token.jsonObject()["token"] as? String)
        #expect(
            try server.send("GET", "/v2/u/app/manifests/latest", headers: [("Authorization", "Bearer \(value)")]).status
                == 200)
        try server.seed(
            #"{"host": "hub.test", "aliases": ["127.0.0.1"], "auth": "bearer", "users": [{"user": "u", "password": "new"}]}"#
        )
        #expect(
            try server.send("GET", "/v2/u/app/manifests/latest", headers: [("Authorization", "Bearer \(value)")]).status
                == 401)
        let fresh = try server.send(
            "GET", "/_ebauth/registries/hub.test/token?scope=repository:u/app:pull", headers: [basic("u", "new")])
        let newToken = try #require(try fresh.jsonObject()["token"] as? String)
        #expect(
            try server.send("GET", "/v2/u/app/manifests/latest", headers: [("Authorization", "Bearer \(newToken)")])
                .status == 200)
    }

    @Test("bad configurations are 400 with a reason; a name another registry owns is 409")
    func refusals() throws {
        let server = try TestRegistryServer()
        try server.seed(#"{"host": "a.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
        let cases: [(String, Int, String)] = [
            (#"{"host": "b.test", "aliases": ["127.0.0.1"]}"#, 409, "127.0.0.1 already belongs to the registry a.test"),
            (#"{"host": "a.test", "users": [{"htpasswd": "bob:$apr1$x$y"}]}"#, 400, "bcrypt"),
            (#"{"host": "a.test", "users": [{"user": "bob"}]}"#, 400, "each user needs user and password"),
            (#"{"host": "bad/host"}"#, 400, "is not a host name"),
            (#"{"host": "a.test", "repositories": ["Bad"]}"#, 400, "invalid repository name"),
            (#"{"host": "a.test", "images": [{"repository": "x", "layers": 9}]}"#, 400, "layers must be 1 to 3"),
            (#"{"host": "a.test", "auth": "kerberos"}"#, 400, "not a registry configuration"),
            ("not json", 400, "not a registry configuration"),
        ]
        for (body, status, message) in cases {
            let response = try server.send("POST", "/_ebauth/registries", body: Array(body.utf8))
            #expect(response.status == status, "\(body)")
            #expect(
                ((try? response.jsonObject())?["error"] as? String)?.contains(message) == true,
                "\(body): \(response.text)")
        }
    }

    @Test("POST …/images pushes another generated image")
    func images() throws {
        let server = try TestRegistryServer()
        try server.seed(#"{"host": "a.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
        let response = try server.send(
            "POST", "/_ebauth/registries/a.test/images",
            body: Array(#"{"repository": "x/y", "tag": "t", "seed": "s"}"#.utf8))
        #expect(response.status == 201)
        #expect(try response.jsonObject()["digest"] as? String == TestImage(seed: "s").digest)
        #expect(try server.send("GET", "/v2/x/y/manifests/t").body == TestImage(seed: "s").manifest)
    }

    @Test("deleting a registry removes its repositories and their blob files")
    func delete() throws {
        let server = try TestRegistryServer()
        try server.seed(
            #"{"host": "a.test", "aliases": ["127.0.0.1"], "auth": "none", "images": [{"repository": "x"}]}"#)
        #expect(server.blobFileCount() == 4)
        #expect(try server.send("DELETE", "/_ebauth/registries/a.test").status == 204)
        #expect(server.blobFileCount() == 0)
        #expect(try server.send("GET", "/v2/x/manifests/latest").status == 404)
        #expect(try server.send("DELETE", "/_ebauth/registries/a.test").status == 404)
    }
}

@Suite("Registry storage")
struct StorageTests {
    @Test("identical blobs are stored once across repositories and freed with their last link")
    func refcounts() throws {
        let server = try openRegistry()
        let image = TestImage()
        try server.push(image, to: "one", tag: "v1")
        try server.push(image, to: "two", tag: "v1")
        #expect(server.blobFileCount() == 4)
        let namespace = RegistryNamespace.distribution(host: "open.test")
        try server.backend.store.write { try $0.deleteRepository(namespace.id, "one") }
        #expect(server.blobFileCount() == 4)
        #expect(try server.send("GET", "/v2/two/blobs/\(image.layers[0].digest)").body == image.layers[0].bytes)
        try server.backend.store.write { try $0.deleteRepository(namespace.id, "two") }
        #expect(server.blobFileCount() == 0)
    }

    @Test("the store records what each manifest names, for ECR's image descriptions")
    func references() throws {
        let server = try openRegistry()
        let image = TestImage(layerCount: 2)
        try server.push(image, to: "app", tag: "v1")
        let namespace = RegistryNamespace.distribution(host: "open.test")
        let references = try server.backend.store.read {
            try $0.references(namespace.id, "app", manifest: image.digest)
        }
        #expect(references.map(\.digest) == [image.config.digest] + image.layers.map(\.digest))
        #expect(references.map(\.size) == [Int64(image.config.size)] + image.layers.map { Int64($0.size) })
        let tags = try server.backend.store.read { try $0.tags(namespace.id, "app", digest: image.digest) }
        #expect(tags == ["v1"])
    }

    @Test("a tag policy can refuse moving a tag, and the push leaves nothing behind")
    func tagPolicy() throws {
        let server = try TestRegistryServer(tagPolicy: { change, _ in
            if change.previousDigest != nil {
                throw RegistryError.custom(
                    code: "TAG_INVALID", status: 400,
                    message:
                        "The image tag '\(change.tag)' already exists in the '\(change.repository)' repository and cannot be overwritten because the repository is immutable."
                )
            }
        })
        try server.seed(#"{"host": "open.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
        try server.push(TestImage(seed: "1"), to: "app", tag: "v1")
        let second = TestImage(seed: "2")
        for blob in second.blobs {
            _ = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(blob.digest)", body: blob.bytes)
        }
        let refused = try server.send(
            "PUT", "/v2/app/manifests/v1", headers: [("Content-Type", second.manifestMediaType)], body: second.manifest)
        #expect(refused.status == 400)
        #expect(refused.errorMessage?.hasSuffix("because the repository is immutable.") == true)
        #expect(try server.send("GET", "/v2/app/manifests/\(second.digest)").errorCodes == ["MANIFEST_UNKNOWN"])
        #expect(
            try server.send("GET", "/v2/app/manifests/v1").header("Docker-Content-Digest")
                == TestImage(seed: "1").digest)
        // Re-pushing the same manifest under the same tag is no change, so it is allowed.
        try server.push(TestImage(seed: "1"), to: "app", tag: "v1")
    }

    @Test("concurrent chunk uploads to different uploads and repositories all complete")
    func concurrentUploads() async throws {
        let server = try openRegistry()
        let port = server.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let bytes = Array("blob number \(index) ".utf8) + [UInt8](repeating: UInt8(index), count: 200_000)
                    let start = try TestHTTP.send(
                        port: port, method: "POST", path: "/v2/repo\(index)/blobs/uploads/", host: "127.0.0.1",
                        headers: [], body: [])
                    let location = try #require(start.header("Location"))
                    for chunk in stride(from: 0, to: bytes.count, by: 50_000) {
                        let end = min(chunk + 50_000, bytes.count)
                        let response = try TestHTTP.send(
                            port: port, method: "PATCH", path: location, host: "127.0.0.1",
                            headers: [("Content-Range", "\(chunk)-\(end - 1)")], body: Array(bytes[chunk..<end]))
                        #expect(response.status == 202)
                    }
                    let done = try TestHTTP.send(
                        port: port, method: "PUT", path: location + "?digest=\(sha256(bytes))", host: "127.0.0.1",
                        headers: [], body: [])
                    #expect(done.status == 201)
                }
            }
            try await group.waitForAll()
        }
        #expect(server.blobFileCount() == 8)
    }
}
