import Foundation
import Testing

@testable import Registry

@Suite("Blobs")
struct BlobTests {
    func seeded() throws -> (TestRegistryServer, [UInt8], String) {
        let server = try openRegistry()
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 13) }
        let digest = sha256(bytes)
        _ = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(digest)", body: bytes)
        return (server, bytes, digest)
    }

    @Test("GET sends the bytes with Docker-Content-Digest, and HEAD only their length")
    func getAndHead() throws {
        let (server, bytes, digest) = try seeded()
        let get = try server.send("GET", "/v2/app/blobs/\(digest)")
        #expect(get.status == 200)
        #expect(get.body == bytes)
        #expect(get.header("Docker-Content-Digest") == digest)
        #expect(get.header("Content-Type") == "application/octet-stream")
        #expect(get.header("Accept-Ranges") == "bytes")
        let head = try server.send("HEAD", "/v2/app/blobs/\(digest)")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "1000")
    }

    @Test("a Range GET answers 206 with Content-Range; a range past the end is 416")
    func ranges() throws {
        let (server, bytes, digest) = try seeded()
        let part = try server.send("GET", "/v2/app/blobs/\(digest)", headers: [("Range", "bytes=10-19")])
        #expect(part.status == 206)
        #expect(part.body == Array(bytes[10...19]))
        #expect(part.header("Content-Range") == "bytes 10-19/1000")
        let suffix = try server.send("GET", "/v2/app/blobs/\(digest)", headers: [("Range", "bytes=-5")])
        #expect(suffix.body == Array(bytes[995...]))
        let open = try server.send("GET", "/v2/app/blobs/\(digest)", headers: [("Range", "bytes=990-")])
        #expect(open.body == Array(bytes[990...]))
        let beyond = try server.send("GET", "/v2/app/blobs/\(digest)", headers: [("Range", "bytes=5000-")])
        #expect(beyond.status == 416)
        #expect(beyond.header("Content-Range") == "bytes */1000")
    }

    @Test("unknown blobs, also of unknown repositories, are BLOB_UNKNOWN; malformed digests DIGEST_INVALID")
    func unknowns() throws {
        let (server, _, digest) = try seeded()
        let missing = try server.send("GET", "/v2/app/blobs/sha256:\(String(repeating: "9", count: 64))")
        #expect(missing.status == 404)
        #expect(missing.errorCodes == ["BLOB_UNKNOWN"])
        #expect(missing.errorMessage == "blob unknown to registry")
        #expect(try server.send("HEAD", "/v2/app/blobs/sha256:\(String(repeating: "9", count: 64))").status == 404)
        let malformed = try server.send("GET", "/v2/app/blobs/notadigest")
        #expect(malformed.status == 400)
        #expect(malformed.errorCodes == ["DIGEST_INVALID"])
        #expect(try server.send("GET", "/v2/ghost/blobs/\(digest)").errorCodes == ["BLOB_UNKNOWN"])
    }

    @Test("DELETE unlinks a blob from its repository: 202, then BLOB_UNKNOWN")
    func delete() throws {
        let (server, _, digest) = try seeded()
        #expect(try server.send("DELETE", "/v2/app/blobs/\(digest)").status == 202)
        #expect(try server.send("GET", "/v2/app/blobs/\(digest)").errorCodes == ["BLOB_UNKNOWN"])
        #expect(try server.send("DELETE", "/v2/app/blobs/\(digest)").errorCodes == ["BLOB_UNKNOWN"])
    }

    @Test("a blob redirect hook turns GETs (not HEADs) into 307 to its URL")
    func redirect() throws {
        let server = try TestRegistryServer(blobRedirect: { namespace, repository, digest, _ in
            "http://s3.test/\(namespace.id)/\(repository)/\(digest)"
        })
        try server.seed(#"{"host": "open.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
        let bytes = Array("redirected".utf8)
        let digest = sha256(bytes)
        _ = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(digest)", body: bytes)
        let get = try server.send("GET", "/v2/app/blobs/\(digest)")
        #expect(get.status == 307)
        #expect(get.header("Location") == "http://s3.test/open.test/app/\(digest)")
        #expect(try server.send("HEAD", "/v2/app/blobs/\(digest)").status == 200)
        #expect(try server.send("GET", "/v2/app/blobs/sha256:\(String(repeating: "1", count: 64))").status == 404)
    }
}

@Suite("Tags and catalog")
struct ListingTests {
    func seeded() throws -> TestRegistryServer {
        let server = try openRegistry()
        let image = TestImage()
        try server.push(image, to: "app", tag: "a")
        for tag in ["d", "b", "c", "e"] {
            _ = try server.send(
                "PUT", "/v2/app/manifests/\(tag)", headers: [("Content-Type", image.manifestMediaType)],
                body: image.manifest)
        }
        return server
    }

    @Test("tags/list returns every tag in order")
    func all() throws {
        let server = try seeded()
        let response = try server.send("GET", "/v2/app/tags/list")
        #expect(response.status == 200)
        #expect(try response.jsonObject()["name"] as? String == "app")
        #expect(try response.jsonObject()["tags"] as? [String] == ["a", "b", "c", "d", "e"])
        #expect(response.header("Link") == nil)
    }

    @Test("n and last page through tags with a Link to the next page")
    func paging() throws {
        let server = try seeded()
        let first = try server.send("GET", "/v2/app/tags/list?n=2")
        #expect(try first.jsonObject()["tags"] as? [String] == ["a", "b"])
        #expect(first.header("Link") == "</v2/app/tags/list?n=2&last=b>; rel=\"next\"")
        let second = try server.send("GET", "/v2/app/tags/list?n=2&last=b")
        #expect(try second.jsonObject()["tags"] as? [String] == ["c", "d"])
        let last = try server.send("GET", "/v2/app/tags/list?n=2&last=d")
        #expect(try last.jsonObject()["tags"] as? [String] == ["e"])
        #expect(last.header("Link") == nil)
        #expect(try server.send("GET", "/v2/app/tags/list?n=0").jsonObject()["tags"] as? [String] == [])
    }

    @Test("a bad n is PAGINATION_NUMBER_INVALID; an unknown repository NAME_UNKNOWN")
    func errors() throws {
        let server = try seeded()
        for n in ["-1", "x", "1.5"] {
            let response = try server.send("GET", "/v2/app/tags/list?n=\(n)")
            #expect(response.status == 400)
            #expect(response.errorCodes == ["PAGINATION_NUMBER_INVALID"])
        }
        #expect(try server.send("GET", "/v2/nope/tags/list").errorCodes == ["NAME_UNKNOWN"])
        #expect(try server.send("GET", "/v2/_catalog?n=1001").errorCodes == ["PAGINATION_NUMBER_INVALID"])
    }

    @Test("the catalog lists this registry's repositories only, paged")
    func catalog() throws {
        let server = try seeded()
        try server.push(TestImage(), to: "zeta/app", tag: "v1")
        try server.seed(
            #"{"host": "other.test", "aliases": ["localhost"], "auth": "none", "repositories": ["elsewhere"]}"#)
        let all = try server.send("GET", "/v2/_catalog")
        #expect(try all.jsonObject()["repositories"] as? [String] == ["app", "zeta/app"])
        let page = try server.send("GET", "/v2/_catalog?n=1")
        #expect(try page.jsonObject()["repositories"] as? [String] == ["app"])
        #expect(page.header("Link") == "</v2/_catalog?n=1&last=app>; rel=\"next\"")
        #expect(
            try server.send("GET", "/v2/_catalog?n=1&last=app").jsonObject()["repositories"] as? [String] == [
                "zeta/app"
            ])
        #expect(
            try server.send("GET", "/v2/_catalog", host: "localhost").jsonObject()["repositories"] as? [String] == [
                "elsewhere"
            ])
    }
}
