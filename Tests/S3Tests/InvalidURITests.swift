import Testing

@testable import S3

@Suite("Keys that are not UTF-8 and keys that look like paths")
struct InvalidURITests {
    @Test("a key whose percent-decoding is not UTF-8 is 400 InvalidURI and stores nothing")
    func notUTF8() throws {
        let s3 = try S3Harness()
        s3.createBucket("keys")
        let put = s3.send("PUT", "/keys/bad%FFkey", headers: [("Content-Length", "1")], body: .bytes(Array("x".utf8)))
        #expect(put.status == 400)
        #expect(put.code == "InvalidURI")
        #expect(put.element("Message") == "Couldn't parse the specified URI.")
        #expect(put.element("URI") == "/keys/bad%FFkey")
        #expect(s3.send("GET", "/keys?list-type=2").element("KeyCount") == "0")
    }

    @Test("percent-encoded UTF-8, `..` and encoded slashes are keys like any other")
    func encodedKeys() throws {
        let s3 = try S3Harness()
        s3.createBucket("keys")
        for (path, key) in [("/keys/caf%C3%A9", "café"), ("/keys/..%2F..%2Fx", "../../x"), ("/keys/%2e%2e", "..")] {
            let bytes = Array(key.utf8)
            #expect(
                s3.send("PUT", path, headers: [("Content-Length", "\(bytes.count)")], body: .bytes(bytes)).status == 200
            )
            #expect(s3.send("GET", path).status == 200)
        }
        #expect(s3.send("GET", "/keys?list-type=2").elements("Key").sorted() == ["..", "../../x", "café"])
    }
}
