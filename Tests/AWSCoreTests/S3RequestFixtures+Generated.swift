// Generated from botocore 1.43.11: the requests its S3 client sends (path-style addressing).
// DO NOT EDIT. Regenerate from the repository root with: python3 scripts/generate-service-catalog.py

import Testing

/// What botocore sent for one S3 operation call; header names only, minus volatile ones.
struct S3RequestFixture: Sendable, CustomTestStringConvertible {
    let operation: String, label: String, method: String
    let bucket: String?, key: String?
    let query: [(name: String, value: String)]
    let headers: [String]
    var testDescription: String { "\(operation) (\(label))" }

    init(
        _ operation: String, _ label: String, _ method: String, bucket: String?, key: String?,
        query: [(String, String)], headers: [String]
    ) {
        self.operation = operation; self.label = label; self.method = method
        self.bucket = bucket; self.key = key
        self.query = query.map { (name: $0.0, value: $0.1) }; self.headers = headers
    }
}

extension S3RequestFixture {
    static let all: [S3RequestFixture] = [
        .init(
            "AbortMultipartUpload", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("uploadId", "upload-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "CompleteMultipartUpload", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("uploadId", "upload-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "CopyObject", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: ["content-length", "x-amz-content-sha256", "x-amz-copy-source"]),
        .init(
            "CreateBucket", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "CreateBucketMetadataConfiguration", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataConfiguration", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "CreateBucketMetadataTableConfiguration", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataTable", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "CreateMultipartUpload", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("uploads", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "CreateSession", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("session", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "DeleteBucket", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil, query: [],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketAnalyticsConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("analytics", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketCors", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil, query: [("cors", "")],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketEncryption", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("encryption", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketIntelligentTieringConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("intelligent-tiering", ""), ("id", "config-1")],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketInventoryConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("inventory", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketLifecycle", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("lifecycle", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketMetadataConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataConfiguration", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketMetadataTableConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataTable", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketMetricsConfiguration", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metrics", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketOwnershipControls", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("ownershipControls", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketPolicy", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil, query: [("policy", "")],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketReplication", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("replication", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketTagging", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("tagging", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteBucketWebsite", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("website", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteObject", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteObjectTagging", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("tagging", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "DeleteObjects", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: nil, query: [("delete", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "DeletePublicAccessBlock", "minimal", "DELETE", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("publicAccessBlock", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "GetBucketAbac", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("abac", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketAccelerateConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("accelerate", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketAcl", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("acl", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketAnalyticsConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("analytics", ""), ("id", "config-1")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketCors", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("cors", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketEncryption", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("encryption", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketIntelligentTieringConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("intelligent-tiering", ""), ("id", "config-1")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketInventoryConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("inventory", ""), ("id", "config-1")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketLifecycle", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("lifecycle", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketLifecycleConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("lifecycle", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketLocation", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("location", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketLogging", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("logging", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketMetadataConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataConfiguration", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketMetadataTableConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataTable", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketMetricsConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metrics", ""), ("id", "config-1")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketNotification", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("notification", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketNotificationConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("notification", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketOwnershipControls", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("ownershipControls", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketPolicy", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("policy", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketPolicyStatus", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("policyStatus", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketReplication", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("replication", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketRequestPayment", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("requestPayment", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketTagging", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("tagging", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketVersioning", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("versioning", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetBucketWebsite", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("website", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "GetObject", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: ["x-amz-checksum-mode", "x-amz-content-sha256"]),
        .init(
            "GetObjectAcl", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("acl", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectAttributes", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("attributes", "")], headers: ["x-amz-content-sha256", "x-amz-object-attributes"]),
        .init(
            "GetObjectLegalHold", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("legal-hold", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectLockConfiguration", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("object-lock", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectRetention", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("retention", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectTagging", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("tagging", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectTorrent", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("torrent", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetPublicAccessBlock", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("publicAccessBlock", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "HeadBucket", "minimal", "HEAD", bucket: "amzn-s3-demo-bucket", key: nil, query: [],
            headers: ["x-amz-content-sha256"]),
        .init(
            "HeadObject", "minimal", "HEAD", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListBucketAnalyticsConfigurations", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("analytics", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListBucketIntelligentTieringConfigurations", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("intelligent-tiering", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListBucketInventoryConfigurations", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("inventory", "")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListBucketMetricsConfigurations", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metrics", "")], headers: ["x-amz-content-sha256"]),
        .init("ListBuckets", "minimal", "GET", bucket: nil, key: nil, query: [], headers: ["x-amz-content-sha256"]),
        .init(
            "ListDirectoryBuckets", "minimal", "GET", bucket: nil, key: nil, query: [],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListMultipartUploads", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("uploads", "")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListObjectVersions", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("versions", ""), ("encoding-type", "url")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListObjects", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil, query: [("encoding-type", "url")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListObjectsV2", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("list-type", "2"), ("encoding-type", "url")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListParts", "minimal", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("uploadId", "upload-1")], headers: ["x-amz-content-sha256"]),
        .init(
            "PutBucketAbac", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("abac", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketAccelerateConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("accelerate", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketAcl", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("acl", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketAnalyticsConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("analytics", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "PutBucketCors", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("cors", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketEncryption", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("encryption", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketIntelligentTieringConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("intelligent-tiering", ""), ("id", "config-1")],
            headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "PutBucketInventoryConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("inventory", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "PutBucketLifecycle", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("lifecycle", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketLifecycleConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("lifecycle", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketLogging", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("logging", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketMetricsConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metrics", ""), ("id", "config-1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "PutBucketNotification", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("notification", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketNotificationConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("notification", "")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "PutBucketOwnershipControls", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("ownershipControls", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketPolicy", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("policy", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketReplication", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("replication", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketRequestPayment", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("requestPayment", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketTagging", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("tagging", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketVersioning", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("versioning", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutBucketWebsite", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("website", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObject", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObjectAcl", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("acl", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObjectLegalHold", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("legal-hold", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObjectLockConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("object-lock", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObjectRetention", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("retention", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutObjectTagging", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("tagging", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "PutPublicAccessBlock", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("publicAccessBlock", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "RenameObject", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("renameObject", "")],
            headers: ["content-length", "x-amz-client-token", "x-amz-content-sha256", "x-amz-rename-source"]),
        .init(
            "RestoreObject", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("restore", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "SelectObjectContent", "minimal", "POST", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("select", ""), ("select-type", "2")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "UpdateBucketMetadataInventoryTableConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket",
            key: nil, query: [("metadataInventoryTable", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "UpdateBucketMetadataJournalTableConfiguration", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("metadataJournalTable", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "UpdateObjectEncryption", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("encryption", "")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "UploadPart", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("partNumber", "2"), ("uploadId", "upload-1")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "UploadPartCopy", "minimal", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("partNumber", "2"), ("uploadId", "upload-1")],
            headers: ["content-length", "x-amz-content-sha256", "x-amz-copy-source"]),
        .init(
            "WriteGetObjectResponse", "minimal", "POST", bucket: "WriteGetObjectResponse", key: nil, query: [],
            headers: ["content-length", "x-amz-content-sha256", "x-amz-request-route", "x-amz-request-token"]),
        .init(
            "GetObject", "versionId+response-content-type", "GET", bucket: "amzn-s3-demo-bucket",
            key: "photos/2024/cat.jpg", query: [("versionId", "v1"), ("response-content-type", "text/plain")],
            headers: ["x-amz-checksum-mode", "x-amz-content-sha256"]),
        .init(
            "GetObject", "partNumber", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("partNumber", "1")], headers: ["x-amz-checksum-mode", "x-amz-content-sha256"]),
        .init(
            "HeadObject", "versionId", "HEAD", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("versionId", "v1")], headers: ["x-amz-content-sha256"]),
        .init(
            "DeleteObject", "versionId", "DELETE", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("versionId", "v1")], headers: ["content-length", "x-amz-content-sha256"]),
        .init(
            "ListObjects", "prefix+delimiter+marker", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("prefix", "photos/"), ("delimiter", "/"), ("marker", "a"), ("encoding-type", "url")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListObjectsV2", "prefix+continuation", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [
                ("list-type", "2"), ("prefix", "photos/"), ("continuation-token", "t"), ("start-after", "a"),
                ("encoding-type", "url"),
            ], headers: ["x-amz-content-sha256"]),
        .init(
            "ListObjectVersions", "prefix+key-marker", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("versions", ""), ("prefix", "photos/"), ("key-marker", "k"), ("encoding-type", "url")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListMultipartUploads", "prefix", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("uploads", ""), ("prefix", "photos/"), ("max-uploads", "10")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListParts", "max-parts", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("uploadId", "upload-1"), ("max-parts", "10"), ("part-number-marker", "1")],
            headers: ["x-amz-content-sha256"]),
        .init(
            "ListBuckets", "max-buckets+prefix", "GET", bucket: nil, key: nil,
            query: [("max-buckets", "10"), ("prefix", "amzn")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListDirectoryBuckets", "max-directory-buckets", "GET", bucket: nil, key: nil,
            query: [("max-directory-buckets", "10")], headers: ["x-amz-content-sha256"]),
        .init(
            "ListBucketAnalyticsConfigurations", "continuation", "GET", bucket: "amzn-s3-demo-bucket", key: nil,
            query: [("analytics", ""), ("continuation-token", "t")], headers: ["x-amz-content-sha256"]),
        .init(
            "GetObjectTagging", "versionId", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("tagging", ""), ("versionId", "v1")], headers: ["x-amz-content-sha256"]),
        .init(
            "PutObjectTagging", "versionId", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("tagging", ""), ("versionId", "v1")],
            headers: ["content-length", "x-amz-checksum-crc32", "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm"]),
        .init(
            "GetObjectAcl", "versionId", "GET", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("acl", ""), ("versionId", "v1")], headers: ["x-amz-content-sha256"]),
        .init(
            "PutObjectAcl", "canned acl", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("acl", "")],
            headers: [
                "content-length", "x-amz-acl", "x-amz-checksum-crc32", "x-amz-content-sha256",
                "x-amz-sdk-checksum-algorithm",
            ]),
        .init(
            "PutBucketAcl", "canned acl", "PUT", bucket: "amzn-s3-demo-bucket", key: nil, query: [("acl", "")],
            headers: [
                "content-length", "x-amz-acl", "x-amz-checksum-crc32", "x-amz-content-sha256",
                "x-amz-sdk-checksum-algorithm",
            ]),
        .init(
            "PutObject", "body+metadata", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg", query: [],
            headers: [
                "content-length", "content-type", "expect", "x-amz-checksum-crc32", "x-amz-content-sha256",
                "x-amz-meta-owner", "x-amz-sdk-checksum-algorithm",
            ]),
        .init(
            "UploadPart", "body", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [("partNumber", "2"), ("uploadId", "upload-1")],
            headers: [
                "content-length", "expect", "x-amz-checksum-crc32", "x-amz-content-sha256",
                "x-amz-sdk-checksum-algorithm",
            ]),
        .init(
            "CopyObject", "metadata-directive", "PUT", bucket: "amzn-s3-demo-bucket", key: "photos/2024/cat.jpg",
            query: [],
            headers: ["content-length", "x-amz-content-sha256", "x-amz-copy-source", "x-amz-metadata-directive"]),
    ]
}
