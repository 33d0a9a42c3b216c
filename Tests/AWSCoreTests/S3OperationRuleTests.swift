import Testing

@testable import AWSCore

/// A hand-written request and the operation it must be named as (nil: no S3 operation).
struct S3RuleCase: Sendable, CustomTestStringConvertible {
    let method: String, bucket: String?, key: String?
    let query: [(name: String, value: String)]
    let headers: [String]
    let expected: String?
    var testDescription: String {
        let q = query.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }.joined(separator: "&")
        let path = [bucket, key].compactMap { $0 }.joined(separator: "/")
        return "\(method) /\(path)\(q.isEmpty ? "" : "?" + q) \(headers) → \(expected ?? "nil")"
    }

    init(
        _ method: String, _ bucket: String?, _ key: String?, _ query: [(String, String)] = [],
        headers: [String] = [], expect expected: String?
    ) {
        self.method = method; self.bucket = bucket; self.key = key
        self.query = query.map { (name: $0.0, value: $0.1) }; self.headers = headers
        self.expected = expected
    }
}

private let b = "bucket", k = "dir/key.txt"
private let copy = ["x-amz-copy-source"]

/// The explicit distinctions S3 clients rely on, independent of the botocore fixtures.
@Suite struct S3OperationRuleTests {
    static let cases: [S3RuleCase] = [
        .init("GET", nil, nil, expect: "ListBuckets"),
        .init("GET", nil, nil, [("x-id", "ListDirectoryBuckets")], expect: "ListDirectoryBuckets"),
        .init("GET", nil, nil, [("max-directory-buckets", "5")], expect: "ListDirectoryBuckets"),
        .init("PUT", b, k, expect: "PutObject"),
        .init("PUT", b, k, headers: copy, expect: "CopyObject"),
        .init("PUT", b, k, headers: ["X-Amz-Copy-Source"], expect: "CopyObject"),
        .init("PUT", b, k, [("partNumber", "1"), ("uploadId", "u")], expect: "UploadPart"),
        .init("PUT", b, k, [("uploadId", "u"), ("partNumber", "1")], headers: copy, expect: "UploadPartCopy"),
        .init("POST", b, nil, [("delete", "")], expect: "DeleteObjects"),
        .init("GET", b, nil, expect: "ListObjects"),
        .init("GET", b, nil, [("prefix", "a/"), ("delimiter", "/")], expect: "ListObjects"),
        .init("GET", b, nil, [("list-type", "2")], expect: "ListObjectsV2"),
        .init("GET", b, nil, [("list-type", "1")], expect: nil),
        .init("HEAD", b, nil, expect: "HeadBucket"),
        .init("HEAD", b, k, expect: "HeadObject"),
        .init("GET", b, k, expect: "GetObject"),
        .init("get", b, k, expect: "GetObject"),
        .init("GET", b, "", expect: "ListObjects"),
        .init("GET", b, nil, [("location", "")], expect: "GetBucketLocation"),
        .init("POST", b, k, [("uploads", "")], expect: "CreateMultipartUpload"),
        .init("POST", b, k, [("uploadId", "u")], expect: "CompleteMultipartUpload"),
        .init("DELETE", b, k, [("uploadId", "u")], expect: "AbortMultipartUpload"),
        .init("DELETE", b, k, expect: "DeleteObject"),
        .init("GET", b, k, [("uploadId", "u")], expect: "ListParts"),
        .init("GET", b, nil, [("uploads", "")], expect: "ListMultipartUploads"),
        .init("GET", b, nil, [("versioning", "")], expect: "GetBucketVersioning"),
        .init("PUT", b, nil, [("versioning", "")], expect: "PutBucketVersioning"),
        .init("GET", b, nil, [("policy", "")], expect: "GetBucketPolicy"),
        .init("PUT", b, nil, [("policy", "")], expect: "PutBucketPolicy"),
        .init("DELETE", b, nil, [("policy", "")], expect: "DeleteBucketPolicy"),
        .init("GET", b, nil, [("tagging", "")], expect: "GetBucketTagging"),
        .init("PUT", b, nil, [("tagging", "")], expect: "PutBucketTagging"),
        .init("DELETE", b, nil, [("tagging", "")], expect: "DeleteBucketTagging"),
        .init("GET", b, k, [("tagging", "")], expect: "GetObjectTagging"),
        .init("PUT", b, k, [("tagging", ""), ("versionId", "v")], expect: "PutObjectTagging"),
        .init("DELETE", b, k, [("tagging", "")], expect: "DeleteObjectTagging"),
        .init("GET", b, nil, [("acl", "")], expect: "GetBucketAcl"),
        .init("PUT", b, nil, [("acl", "")], expect: "PutBucketAcl"),
        .init("GET", b, k, [("acl", "")], expect: "GetObjectAcl"),
        .init("PUT", b, k, [("acl", "")], expect: "PutObjectAcl"),
        .init("GET", b, nil, [("versions", "")], expect: "ListObjectVersions"),
        .init("GET", b, nil, [("lifecycle", "")], expect: "GetBucketLifecycleConfiguration"),
        .init("GET", b, nil, [("analytics", "")], expect: "ListBucketAnalyticsConfigurations"),
        .init("GET", b, nil, [("analytics", ""), ("id", "a")], expect: "GetBucketAnalyticsConfiguration"),
        .init("PUT", b, nil, expect: "CreateBucket"),
        .init("DELETE", b, nil, expect: "DeleteBucket"),
        .init("POST", b, k, [("select", ""), ("select-type", "2")], expect: "SelectObjectContent"),
        .init(
            "POST", "WriteGetObjectResponse", nil, headers: ["x-amz-request-token"], expect: "WriteGetObjectResponse"),
        // x-id is optional, but when sent it must name the operation.
        .init("GET", b, k, [("x-id", "GetObject")], expect: "GetObject"),
        .init("PUT", b, nil, [("tagging", ""), ("x-id", "PutBucketTagging")], expect: "PutBucketTagging"),
        .init("PUT", b, k, [("x-id", "CopyObject")], headers: copy, expect: "CopyObject"),
        .init("GET", b, k, [("x-id", "PutObject")], expect: nil),
        // Not S3 operations in the model.
        .init("POST", b, nil, expect: nil),  // browser form upload (PostObject)
        .init("POST", b, k, expect: nil),
        .init("GET", b, nil, [("acl", ""), ("tagging", "")], expect: nil),
        .init("GET", b, k, [("versioning", "")], expect: nil),
        .init("PUT", nil, nil, expect: nil),
        .init("PATCH", b, k, expect: nil),
        .init("DELETE", b, nil, [("analytics", "")], expect: nil),  // required id missing
    ]

    @Test(arguments: cases)
    func namesTheOperation(_ c: S3RuleCase) {
        let got = S3OperationMatcher.operationName(
            method: c.method, bucket: c.bucket, key: c.key, query: c.query,
            headers: c.headers.map { (name: $0, value: "") })
        #expect(got == c.expected)
    }

    @Test func subresourceKeysComeFromTheModel() {
        let keys = S3OperationMatcher.subresourceKeys
        #expect(keys.isSuperset(of: ["acl", "tagging", "uploads", "versioning", "list-type", "delete", "location"]))
        #expect(keys.isDisjoint(with: ["uploadId", "partNumber", "versionId", "prefix", "x-id"]))
    }
}
