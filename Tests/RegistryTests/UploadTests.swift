import Foundation
import TestSupport
import Testing

@testable import Registry

@Suite("Blob uploads")
struct UploadTests {
    func start(_ server: TestRegistryServer, _ repository: String = "app") throws -> String {
        let response = try server.send("POST", "/v2/\(repository)/blobs/uploads/")
        guard response.status == 202, let location = response.header("Location") else {
            throw TestFailure("start: \(response.status) \(response.text)")
        }
        return location
    }

    @Test("starting an upload answers 202 with Location, Range 0-0 and the upload id")
    func startUpload() throws {
        let server = try openRegistry()
        let response = try server.send("POST", "/v2/app/blobs/uploads/")
        #expect(response.status == 202)
        let id = try #require(response.header("Docker-Upload-UUID"))
        #expect(response.header("Location") == "/v2/app/blobs/uploads/\(id)")
        #expect(response.header("Range") == "0-0")
        #expect(response.header("Content-Length") == "0")
        #expect(response.isAPIVersioned)
    }

    @Test("a monolithic POST with ?digest= stores the blob: 201, Location and Docker-Content-Digest")
    func monolithic() throws {
        let server = try openRegistry()
        let bytes = Array("hello layer".utf8)
        let digest = sha256(bytes)
        let response = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(digest)", body: bytes)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v2/app/blobs/\(digest)")
        #expect(response.header("Docker-Content-Digest") == digest)
        #expect(try server.send("GET", "/v2/app/blobs/\(digest)").body == bytes)
    }

    @Test("chunked PATCHes with Content-Range, then PUT ?digest=, assemble the blob")
    func chunked() throws {
        let server = try openRegistry()
        let first = Array(repeating: UInt8(ascii: "a"), count: 1000),
            second = Array(repeating: UInt8(ascii: "b"), count: 500)
        let location = try start(server)
        let one = try server.send(
            "PATCH", location, headers: [("Content-Range", "0-999"), ("Content-Type", "application/octet-stream")],
            body: first)
        #expect(one.status == 202)
        #expect(one.header("Range") == "0-999")
        #expect(one.header("Location") == location)
        let two = try server.send("PATCH", location, headers: [("Content-Range", "1000-1499")], body: second)
        #expect(two.header("Range") == "0-1499")
        let status = try server.send("GET", location)
        #expect(status.status == 204)
        #expect(status.header("Range") == "0-1499")
        let digest = sha256(first + second)
        let done = try server.send("PUT", location + "?digest=\(digest)")
        #expect(done.status == 201)
        #expect(done.header("Docker-Content-Digest") == digest)
        #expect(try server.send("GET", "/v2/app/blobs/\(digest)").body == first + second)
        #expect(try server.send("GET", location).errorCodes == ["BLOB_UPLOAD_UNKNOWN"])
    }

    @Test("a PATCH without Content-Range appends, and the final PUT may carry the last bytes")
    func streamingAndFinalChunk() throws {
        let server = try openRegistry()
        let location = try start(server)
        #expect(try server.send("PATCH", location, body: Array("abc".utf8)).header("Range") == "0-2")
        let digest = sha256(Array("abcdef".utf8))
        let done = try server.send(
            "PUT", location + "?digest=\(digest)", headers: [("Content-Range", "3-5")], body: Array("def".utf8))
        #expect(done.status == 201)
    }

    @Test("a chunk out of order is 416 RANGE_INVALID and says where the upload stands")
    func outOfOrder() throws {
        let server = try openRegistry()
        let location = try start(server)
        _ = try server.send("PATCH", location, headers: [("Content-Range", "0-3")], body: Array("abcd".utf8))
        let gap = try server.send("PATCH", location, headers: [("Content-Range", "10-13")], body: Array("efgh".utf8))
        #expect(gap.status == 416)
        #expect(gap.errorCodes == ["RANGE_INVALID"])
        #expect(gap.header("Range") == "0-3")
        #expect(gap.header("Location") == location)
        let wrongLength = try server.send(
            "PATCH", location, headers: [("Content-Range", "4-9")], body: Array("ef".utf8))
        #expect(wrongLength.status == 416)
        let garbage = try server.send(
            "PATCH", location, headers: [("Content-Range", "bytes=x-y")], body: Array("ef".utf8))
        #expect(garbage.status == 416)
        #expect(try server.send("GET", location).header("Range") == "0-3")
    }

    @Test("completing with the wrong digest is DIGEST_INVALID and drops the upload")
    func wrongDigest() throws {
        let server = try openRegistry()
        let location = try start(server)
        _ = try server.send("PATCH", location, body: Array("content".utf8))
        let wrong = sha256(Array("other".utf8))
        let response = try server.send("PUT", location + "?digest=\(wrong)")
        #expect(response.status == 400)
        #expect(response.errorCodes == ["DIGEST_INVALID"])
        #expect(response.errorMessage == "provided digest did not match uploaded content")
        #expect(try server.send("GET", location).status == 404)
        #expect(try server.send("HEAD", "/v2/app/blobs/\(wrong)").status == 404)
    }

    @Test("a missing or malformed digest is DIGEST_INVALID and keeps the upload for a retry")
    func missingDigest() throws {
        let server = try openRegistry()
        let location = try start(server)
        _ = try server.send("PATCH", location, body: Array("x".utf8))
        #expect(try server.send("PUT", location).errorCodes == ["DIGEST_INVALID"])
        #expect(try server.send("PUT", location + "?digest=md5:abc").errorCodes == ["DIGEST_INVALID"])
        #expect(try server.send("GET", location).status == 204)
        #expect(try server.send("PUT", location + "?digest=\(sha256(Array("x".utf8)))").status == 201)
    }

    @Test("a monolithic upload with the wrong digest stores nothing")
    func monolithicWrongDigest() throws {
        let server = try openRegistry()
        let wrong = sha256(Array("b".utf8))
        let response = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(wrong)", body: Array("a".utf8))
        #expect(response.errorCodes == ["DIGEST_INVALID"])
        #expect(server.blobFileCount() == 0)
    }

    @Test("DELETE cancels an upload; unknown, foreign and cancelled uploads are BLOB_UPLOAD_UNKNOWN")
    func cancel() throws {
        let server = try openRegistry()
        let location = try start(server)
        let id = String(location.split(separator: "/").last!)
        #expect(try server.send("GET", "/v2/other/blobs/uploads/\(id)").errorCodes == ["BLOB_UPLOAD_UNKNOWN"])
        let cancelled = try server.send("DELETE", location)
        #expect(cancelled.status == 204)
        for method in ["GET", "PATCH", "PUT", "DELETE"] {
            let response = try server.send(method, location + (method == "PUT" ? "?digest=\(sha256([]))" : ""))
            #expect(response.status == 404, "\(method)")
            #expect(response.errorCodes == ["BLOB_UPLOAD_UNKNOWN"], "\(method)")
        }
        #expect(try server.send("GET", "/v2/app/blobs/uploads/nonexistent").errorCodes == ["BLOB_UPLOAD_UNKNOWN"])
    }

    @Test("a cross-repository mount links the blob without upload: 201")
    func mount() throws {
        let server = try openRegistry()
        let bytes = Array("shared layer".utf8)
        let digest = sha256(bytes)
        _ = try server.send("POST", "/v2/source/blobs/uploads/?digest=\(digest)", body: bytes)
        let mounted = try server.send("POST", "/v2/target/blobs/uploads/?mount=\(digest)&from=source")
        #expect(mounted.status == 201)
        #expect(mounted.header("Location") == "/v2/target/blobs/\(digest)")
        #expect(mounted.header("Docker-Content-Digest") == digest)
        #expect(try server.send("GET", "/v2/target/blobs/\(digest)").body == bytes)
        #expect(server.blobFileCount() == 1)
    }

    @Test("a mount from a repository without the blob starts an ordinary upload: 202")
    func mountFallback() throws {
        let server = try openRegistry()
        let digest = sha256(Array("absent".utf8))
        let response = try server.send("POST", "/v2/target/blobs/uploads/?mount=\(digest)&from=source")
        #expect(response.status == 202)
        #expect(response.header("Docker-Upload-UUID") != nil)
        let invalidFrom = try server.send("POST", "/v2/target/blobs/uploads/?mount=\(digest)&from=..%2Fx")
        #expect(invalidFrom.status == 202)
    }

    @Test("a mount from a repository the user may not pull falls back to an upload")
    func mountNeedsPullOnSource() throws {
        let server = try TestRegistryServer()
        try server.seed(
            """
            {"host": "r.test", "aliases": ["127.0.0.1"], "auth": "basic",
             "users": [{"user": "a", "password": "pa", "pull": ["mine/*"], "push": ["mine/*"]}],
             "images": [{"repository": "secret/app"}]}
            """)
        let image = TestImage(seed: "r.test/secret/app:latest")
        let response = try server.send(
            "POST", "/v2/mine/app/blobs/uploads/?mount=\(image.layers[0].digest)&from=secret/app",
            headers: [basic("a", "pa")])
        #expect(response.status == 202)
    }

    @Test("bodies large enough to be spooled to disk upload through PATCH and monolithic POST")
    func largeBodies() throws {
        let server = try openRegistry()
        let big = (0..<(3 * 1024 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let digest = sha256(big)
        let location = try start(server)
        #expect(
            try server.send("PATCH", location, headers: [("Content-Range", "0-\(big.count - 1)")], body: big).status
                == 202)
        #expect(try server.send("PATCH", location, body: Array("tail".utf8)).header("Range") == "0-\(big.count + 3)")
        #expect(try server.send("PUT", location + "?digest=\(sha256(big + Array("tail".utf8)))").status == 201)
        #expect(try server.send("POST", "/v2/other/blobs/uploads/?digest=\(digest)", body: big).status == 201)
        #expect(try server.send("GET", "/v2/other/blobs/\(digest)").body == big)
    }
}
