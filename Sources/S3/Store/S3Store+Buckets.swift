import Foundation
import Storage

extension S3Transaction {
    enum CreateBucketOutcome: Equatable {
        case created
        case exists(Bucket)
    }

    func bucket(named name: String) throws -> Bucket? {
        try connection.queryOne("SELECT * FROM s3_bucket WHERE name = ?", [.text(name)]).map(Self.bucket)
    }

    /// The account's buckets in name order, after `after`, at most `limit`.
    func buckets(accountID: String, prefix: String?, region: String?, after: String?, limit: Int) throws -> [Bucket] {
        try connection.query(
            """
            SELECT * FROM s3_bucket WHERE account_id = ? AND name > ? AND name >= ?
            AND (? IS NULL OR region = ?) ORDER BY name LIMIT ?
            """,
            [
                .text(accountID), .text(after ?? ""), .text(prefix ?? ""), region.map { .text($0) } ?? .null,
                region.map { .text($0) } ?? .null, .integer(Int64(limit)),
            ]
        ).map(Self.bucket).filter { Bytewise.hasPrefix($0.name, prefix ?? "") }
    }

    /// Creates the bucket unless the name is taken (by anyone: names are global).
    func createBucket(_ bucket: Bucket) throws -> CreateBucketOutcome {
        if let existing = try self.bucket(named: bucket.name) { return .exists(existing) }
        try connection.run(
            """
            INSERT INTO s3_bucket (name, account_id, region, location_constraint, created_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            [
                .text(bucket.name), .text(bucket.accountID), .text(bucket.region),
                bucket.locationConstraint.map { .text($0) } ?? .null, .integer(Self.millis(bucket.createdAt)),
            ])
        return .created
    }

    /// Deletes an empty bucket with its tags and any multipart uploads in progress (their parts'
    /// blobs are released). Throws `bucketNotEmpty` when objects remain.
    func deleteBucket(named name: String) throws {
        if try connection.queryOne("SELECT 1 FROM s3_object WHERE bucket = ? LIMIT 1", [.text(name)]) != nil {
            throw S3Error.bucketNotEmpty(bucket: name)
        }
        let digests = try connection.query(
            """
            SELECT p.blob_digest FROM s3_upload_part p JOIN s3_upload u ON u.upload_id = p.upload_id
            WHERE u.bucket = ?
            """, [.text(name)]
        ).map { try $0.string("blob_digest") }
        try connection.run(
            "DELETE FROM s3_upload_part WHERE upload_id IN (SELECT upload_id FROM s3_upload WHERE bucket = ?)",
            [.text(name)])
        try connection.run("DELETE FROM s3_upload WHERE bucket = ?", [.text(name)])
        for digest in digests { try release(digest) }
        try connection.run("DELETE FROM s3_bucket WHERE name = ?", [.text(name)])
    }

    func setPolicy(_ policy: String?, bucket name: String) throws {
        try connection.run(
            "UPDATE s3_bucket SET policy = ? WHERE name = ?", [policy.map { .text($0) } ?? .null, .text(name)])
    }

    func setVersioning(_ status: VersioningStatus, bucket name: String) throws {
        try connection.run("UPDATE s3_bucket SET versioning = ? WHERE name = ?", [.text(status.rawValue), .text(name)])
    }

    func bucketTags(_ name: String) throws -> TagSet {
        TagSet(
            try connection.query(
                "SELECT key, value FROM s3_bucket_tag WHERE bucket = ? ORDER BY position", [.text(name)]
            ).map { TagSet.Tag(key: try $0.string("key"), value: try $0.string("value")) })
    }

    /// Replaces the bucket's tag set; an empty set removes it.
    func setBucketTags(_ tags: TagSet, bucket name: String) throws {
        try connection.run("DELETE FROM s3_bucket_tag WHERE bucket = ?", [.text(name)])
        for (position, tag) in tags.tags.enumerated() {
            try connection.run(
                "INSERT INTO s3_bucket_tag (bucket, position, key, value) VALUES (?, ?, ?, ?)",
                [.text(name), .integer(Int64(position)), .text(tag.key), .text(tag.value)])
        }
    }

    /// Throws `noSuchBucket` unless the bucket exists: it may have been deleted since the
    /// request looked it up.
    func requireBucket(_ name: String) throws {
        guard try connection.queryOne("SELECT 1 FROM s3_bucket WHERE name = ?", [.text(name)]) != nil else {
            throw S3Error.noSuchBucket(bucket: name)
        }
    }

    static func bucket(_ row: Row) throws -> Bucket {
        Bucket(
            name: try row.string("name"), accountID: try row.string("account_id"), region: try row.string("region"),
            locationConstraint: try row.optionalString("location_constraint"),
            createdAt: date(try row.int64("created_at")), policy: try row.optionalString("policy"),
            versioning: try row.optionalString("versioning").flatMap(VersioningStatus.init(rawValue:)))
    }
}
