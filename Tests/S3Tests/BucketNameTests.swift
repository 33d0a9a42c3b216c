import Testing

@testable import S3

@Suite("Bucket names")
struct BucketNameTests {
    @Test(
        "names of 3 to 63 lower-case letters, digits, dots and hyphens are valid",
        arguments: [
            "abc", "my-bucket", "my.bucket.name", "a1b2c3", String(repeating: "a", count: 63), "amzn-s3-demo-bucket",
        ])
    func valid(name: String) {
        #expect(BucketName.isValid(name))
    }

    @Test(
        "names against S3's rules are invalid",
        arguments: [
            "ab", String(repeating: "a", count: 64), "Upper", "under_score", "-dash", "dash-", ".dot", "dot.",
            "two..dots", "192.168.1.1", "xn--abc", "sthree-abc", "abc-s3alias", "abc--ol-s3", "abc.mrap", "abc--x-s3",
            "abc--table-s3", "spa ce", "é-bucket",
        ])
    func invalid(name: String) {
        #expect(!BucketName.isValid(name))
        #expect(throws: S3Error.invalidBucketName(bucket: name)) { try BucketName.validate(name) }
    }
}

@Suite("Object keys")
struct ObjectKeyTests {
    @Test("a key may be 1024 bytes of UTF-8, not 1025")
    func length() throws {
        try ObjectKey.validate(String(repeating: "k", count: 1024))
        #expect(throws: S3Error.keyTooLong(size: 1025)) { try ObjectKey.validate(String(repeating: "k", count: 1025)) }
        // 342 three-byte characters are 1026 bytes though only 342 characters.
        #expect(throws: S3Error.keyTooLong(size: 1026)) { try ObjectKey.validate(String(repeating: "日", count: 342)) }
    }
}
