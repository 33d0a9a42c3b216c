import AWSCore
import Foundation
import HTTPServer
import Testing

@testable import S3

@Suite("CompleteMultipartUpload")
struct CompleteMultipartUploadTests {
    func start(_ s3: S3Harness, _ key: String) -> String {
        let response = s3.send("POST", "/mpu/\(key)?uploads")
        return response.element("UploadId") ?? ""
    }

    func part(_ s3: S3Harness, _ key: String, _ uploadID: String, _ number: Int, _ bytes: [UInt8]) -> String {
        let response = s3.send(
            "PUT", "/mpu/\(key)?partNumber=\(number)&uploadId=\(URIEncoding.encode(uploadID))",
            headers: [("Content-Length", "\(bytes.count)")], body: .bytes(bytes))
        return response.header("ETag") ?? ""
    }

    func complete(_ s3: S3Harness, _ key: String, _ uploadID: String, _ parts: [(Int, String)]) -> HTTPResponse {
        let body =
            "<CompleteMultipartUpload>"
            + parts.map { "<Part><PartNumber>\($0.0)</PartNumber><ETag>\($0.1)</ETag></Part>" }.joined()
            + "</CompleteMultipartUpload>"
        return s3.send("POST", "/mpu/\(key)?uploadId=\(URIEncoding.encode(uploadID))", body: .bytes(Array(body.utf8)))
    }

    @Test("the parts become one object with the -N ETag, and the parts' blobs are released")
    func joins() throws {
        let s3 = try S3Harness()
        s3.createBucket("mpu")
        let uploadID = start(s3, "obj")
        let first = [UInt8](repeating: 1, count: 5 << 20)
        let second = [UInt8](repeating: 2, count: 10)
        let e1 = part(s3, "obj", uploadID, 1, first)
        let e2 = part(s3, "obj", uploadID, 2, second)
        let response = complete(s3, "obj", uploadID, [(1, e1), (2, e2)])
        #expect(response.status == 200)
        let expected = ETag.multipart(partMD5s: [e1, e2].map(ETag.normalize))
        #expect(response.element("ETag") == "\"\(expected)\"")
        #expect(response.element("ChecksumType") == "FULL_OBJECT")
        #expect(try s3.blobFiles().count == 1)
        let get = s3.send("GET", "/mpu/obj")
        guard case .file(let path, _, let length) = get.body else {
            Issue.record("expected a file body")
            return
        }
        #expect(length == first.count + second.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(first + second))
        #expect(get.header("ETag") == "\"\(expected)\"")
        #expect(s3.send("GET", "/mpu/obj?uploadId=\(URIEncoding.encode(uploadID))").code == "NoSuchUpload")
    }

    @Test("a single part is taken by reference")
    func singlePart() throws {
        let s3 = try S3Harness()
        s3.createBucket("mpu")
        let uploadID = start(s3, "one")
        let etag = part(s3, "one", uploadID, 1, Array("only part".utf8))
        #expect(complete(s3, "one", uploadID, [(1, etag)]).status == 200)
        #expect(try s3.blobFiles().count == 1)
    }

    @Test("aborting releases every part")
    func abort() throws {
        let s3 = try S3Harness()
        s3.createBucket("mpu")
        let uploadID = start(s3, "gone")
        _ = part(s3, "gone", uploadID, 1, [1, 2, 3])
        _ = part(s3, "gone", uploadID, 2, [4, 5, 6])
        _ = part(s3, "gone", uploadID, 2, [7, 8, 9])
        #expect(try s3.blobFiles().count == 2)
        #expect(s3.send("DELETE", "/mpu/gone?uploadId=\(URIEncoding.encode(uploadID))").status == 204)
        #expect(try s3.blobFiles().isEmpty)
    }
}
