import AWSCore
import Foundation
import HTTPServer
import Storage
import Testing

@testable import S3

@Suite("PutObject and GetObject bodies")
struct ObjectBodyTests {
    @Test("a spooled body is renamed into the blob store, not copied, and served from that file")
    func adoptsSpooledBody() throws {
        let s3 = try S3Harness()
        s3.createBucket("big")
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let spooled = try s3.spool(bytes)
        var before = stat()
        #expect(stat(spooled.path, &before) == 0)
        let put = s3.send("PUT", "/big/blob.bin", headers: [("Content-Length", "\(bytes.count)")], body: .file(spooled))
        #expect(put.status == 200)
        #expect(!FileManager.default.fileExists(atPath: spooled.path))

        let get = s3.send("GET", "/big/blob.bin")
        guard case .file(let path, let offset, let length) = get.body else {
            Issue.record("GetObject should answer from the blob file")
            return
        }
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino)
        #expect(offset == 0 && length == bytes.count)
        #expect(get.header("Content-Length") == nil)  // the server adds it from the body
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    @Test("a range is a window onto the blob file with 206 and Content-Range")
    func range() throws {
        let s3 = try S3Harness()
        s3.createBucket("ranged")
        s3.putObject("ranged", "r", Array(0..<100))
        let response = s3.send("GET", "/ranged/r", headers: [("Range", "bytes=10-19")])
        #expect(response.status == 206)
        #expect(response.header("Content-Range") == "bytes 10-19/100")
        guard case .file(_, let offset, let length) = response.body else {
            Issue.record("expected a file body")
            return
        }
        #expect(offset == 10 && length == 10)
        let head = s3.send("HEAD", "/ranged/r")
        guard case .headers(let contentLength) = head.body else {
            Issue.record("HEAD should describe the body without one")
            return
        }
        #expect(contentLength == 100)
    }

    @Test("an aws-chunked trailer checksum (already verified by the router) is kept with the object")
    func trailerChecksum() throws {
        let s3 = try S3Harness()
        s3.createBucket("trailers")
        let bytes = Array("payload".utf8)
        let crc = Data(Checksum.digest(.crc32c, of: bytes)).base64EncodedString()
        let put = s3.send(
            "PUT", "/trailers/t",
            headers: [
                ("Content-Length", "999"), ("x-amz-decoded-content-length", "7"),
                ("Content-Encoding", "aws-chunked,gzip"),
            ],
            body: .bytes(bytes), trailers: [(name: "x-amz-checksum-crc32c", value: crc)])
        #expect(put.status == 200)
        #expect(put.header("x-amz-checksum-crc32c") == crc)
        let head = s3.send("HEAD", "/trailers/t", headers: [("x-amz-checksum-mode", "ENABLED")])
        #expect(head.header("x-amz-checksum-crc32c") == crc)
        #expect(head.header("Content-Encoding") == "gzip")
    }

    @Test("Content-MD5 and checksum headers are verified against the body")
    func integrity() throws {
        let s3 = try S3Harness()
        s3.createBucket("checked")
        let body: HTTPBody = .bytes(Array("body".utf8))
        let badMD5 = s3.send(
            "PUT", "/checked/k", headers: [("Content-Length", "4"), ("Content-MD5", md5Base64("other"))], body: body)
        #expect(badMD5.status == 400)
        #expect(badMD5.code == "BadDigest")
        #expect(badMD5.element("CalculatedDigest") == md5Base64("body"))
        let badCRC = s3.send(
            "PUT", "/checked/k", headers: [("Content-Length", "4"), ("x-amz-checksum-crc32", "AAAAAA==")], body: body)
        #expect(badCRC.code == "BadDigest")
        #expect(badCRC.element("Message") == "The CRC32 you specified did not match the calculated checksum.")
        #expect(s3.send("HEAD", "/checked/k").status == 404)
        #expect(try s3.blobFiles().isEmpty)
    }

    @Test("a PUT without Content-Length is MissingContentLength")
    func missingLength() throws {
        let s3 = try S3Harness()
        s3.createBucket("lengths")
        let response = s3.send("PUT", "/lengths/k", body: .bytes([1]))
        #expect(response.status == 411)
        #expect(response.code == "MissingContentLength")
    }

    @Test("overwriting and deleting objects releases their blobs")
    func releasesBlobs() throws {
        let s3 = try S3Harness()
        s3.createBucket("churn")
        s3.putObject("churn", "k", Array("one".utf8))
        s3.putObject("churn", "k", Array("two".utf8))
        #expect(try s3.blobFiles().count == 1)
        s3.putObject("churn", "copy-me", Array("two".utf8))
        #expect(try s3.blobFiles().count == 1)
        #expect(s3.send("DELETE", "/churn/k").status == 204)
        #expect(try s3.blobFiles().count == 1)
        #expect(s3.send("DELETE", "/churn/copy-me").status == 204)
        #expect(try s3.blobFiles().isEmpty)
    }

    @Test("a copy shares the source's blob")
    func copyByReference() throws {
        let s3 = try S3Harness()
        s3.createBucket("copies")
        s3.putObject("copies", "src", Array("shared bytes".utf8))
        let copy = s3.send("PUT", "/copies/dst", headers: [("x-amz-copy-source", "copies/src")])
        #expect(copy.status == 200)
        #expect(copy.element("ETag") == "\"\(md5Hex("shared bytes"))\"")
        #expect(try s3.blobFiles().count == 1)
        #expect(s3.send("DELETE", "/copies/src").status == 204)
        #expect(s3.send("GET", "/copies/dst").status == 200)
        #expect(try s3.blobFiles().count == 1)
    }
}
