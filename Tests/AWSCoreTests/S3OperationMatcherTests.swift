import Testing

@testable import AWSCore

/// Operations whose botocore request the matcher deliberately names as another operation.
let s3AmbiguousByDesign: [String: (matchedAs: String, reason: String)] = [
    "GetBucketLifecycle": ("GetBucketLifecycleConfiguration", "deprecated; identical GET ?lifecycle request"),
    "PutBucketLifecycle": ("PutBucketLifecycleConfiguration", "deprecated; identical PUT ?lifecycle request"),
    "GetBucketNotification": ("GetBucketNotificationConfiguration", "deprecated; identical GET ?notification request"),
    "PutBucketNotification": ("PutBucketNotificationConfiguration", "deprecated; identical PUT ?notification request"),
    "ListDirectoryBuckets": ("ListBuckets", "both GET /; only max-directory-buckets or x-id tells them apart"),
]

/// The matcher against requests botocore really sends (generated fixtures) and the model's table.
@Suite struct S3OperationMatcherFixtureTests {
    @Test(arguments: S3RequestFixture.all)
    func namesTheOperationBotocoreUsed(_ fixture: S3RequestFixture) {
        let expected =
            fixture.label == "minimal"
            ? s3AmbiguousByDesign[fixture.operation]?.matchedAs ?? fixture.operation
            : fixture.operation
        let got = S3OperationMatcher.operationName(
            method: fixture.method, bucket: fixture.bucket, key: fixture.key,
            query: fixture.query, headers: fixture.headers.map { (name: $0, value: "") })
        #expect(got == expected)
    }

    @Test func everyModelOperationMatchesItselfOrIsListedAmbiguous() {
        let minimal = Dictionary(
            uniqueKeysWithValues: S3RequestFixture.all
                .filter { $0.label == "minimal" }.map { ($0.operation, $0) })
        for spec in S3OperationMatcher.operations {
            guard let fixture = minimal[spec.name] else {
                Issue.record("no botocore fixture for \(spec.name): regenerate")
                continue
            }
            let got = S3OperationMatcher.operationName(
                method: fixture.method, bucket: fixture.bucket, key: fixture.key,
                query: fixture.query, headers: fixture.headers.map { (name: $0, value: "") })
            let isAmbiguous = s3AmbiguousByDesign[spec.name] != nil
            #expect((got == spec.name) != isAmbiguous, "\(spec.name) matched as \(got ?? "nil")")
        }
        #expect(Set(s3AmbiguousByDesign.keys).isSubset(of: S3OperationMatcher.operations.map(\.name)))
    }

    @Test func tableAgreesWithCatalogue() {
        let names = S3OperationMatcher.operations.map(\.name)
        #expect(Set(names) == ServiceCatalog.s3.operations)
        #expect(Set(names).count == names.count)
        #expect(names.count >= 100)
        for spec in S3OperationMatcher.operations {
            #expect(spec.path != .unsupported, "\(spec.name): \(spec.requestUri)")
        }
    }

    @Test func modelDetailsAreKeptVerbatim() {
        let byName = Dictionary(uniqueKeysWithValues: S3OperationMatcher.operations.map { ($0.name, $0) })
        #expect(byName["ListObjectsV2"]?.requestUri == "/{Bucket}?list-type=2")
        #expect(byName["CreateMultipartUpload"]?.requestUri == "/{Bucket}/{Key+}?uploads")
        #expect(byName["CreateMultipartUpload"]?.method == "POST")
        #expect(byName["UploadPartCopy"]?.requiredHeaders == ["x-amz-copy-source"])
        #expect(byName["UploadPart"]?.requiredQuery == ["partNumber", "uploadId"])
        #expect(byName["GetBucketLifecycle"]?.deprecated == true)
        #expect(byName["GetBucketLifecycleConfiguration"]?.deprecated == false)
        #expect(byName["WriteGetObjectResponse"]?.path == .literal("WriteGetObjectResponse"))
        #expect(
            byName["SelectObjectContent"]?.uriQuery
                == [.init(name: "select", value: nil), .init(name: "select-type", value: "2")])
    }
}
