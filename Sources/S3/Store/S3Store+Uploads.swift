import AWSCore
import Foundation
import Storage

extension S3Transaction {
    /// Records a new upload; its bucket may have been deleted since the request looked it up.
    func insertUpload(_ upload: MultipartUpload) throws {
        try requireBucket(upload.bucket)
        try connection.run(
            """
            INSERT INTO s3_upload (upload_id, bucket, key, initiated, owner_account, initiator_arn, storage_class,
                headers, metadata, tags, checksum_algorithm, checksum_type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(upload.uploadID), .text(upload.bucket), .text(upload.key),
                .integer(Self.millis(upload.initiated)), .text(upload.ownerAccountID), .text(upload.initiatorARN),
                .text(upload.storageClass),
                .text(FieldCoding.encode(upload.headers.standard)), .text(FieldCoding.encode(upload.headers.metadata)),
                .text(FieldCoding.encode(upload.tags)), upload.checksumAlgorithm.map { .text($0.rawValue) } ?? .null,
                upload.checksumType.map { .text($0.rawValue) } ?? .null,
            ])
    }

    /// The upload, if it exists and belongs to `bucket` and `key`.
    func upload(_ uploadID: String, bucket: String, key: String) throws -> MultipartUpload? {
        try connection.queryOne(
            "SELECT * FROM s3_upload WHERE upload_id = ? AND bucket = ? AND key = ?",
            [.text(uploadID), .text(bucket), .text(key)]
        ).map(Self.upload)
    }

    /// Throws `noSuchUpload` unless the upload is still in progress: it may have been completed
    /// or aborted since the request looked it up.
    func requireUpload(_ upload: MultipartUpload) throws {
        guard try self.upload(upload.uploadID, bucket: upload.bucket, key: upload.key) != nil else {
            throw S3Error.noSuchUpload(uploadID: upload.uploadID)
        }
    }

    /// Uploads of `bucket` whose key starts with `prefix`, by key then initiation time.
    func uploads(bucket: String, prefix: String) throws -> [MultipartUpload] {
        try connection.query(
            "SELECT * FROM s3_upload WHERE bucket = ? AND key >= ? ORDER BY key, initiated, upload_id",
            [.text(bucket), .text(prefix)]
        ).map(Self.upload).filter { Bytewise.hasPrefix($0.key, prefix) }
    }

    func parts(of uploadID: String, after partNumber: Int = 0, limit: Int = ObjectLimits.maxPartNumber) throws
        -> [UploadedPart]
    {
        try connection.query(
            "SELECT * FROM s3_upload_part WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
            [.text(uploadID), .integer(Int64(partNumber)), .integer(Int64(limit))]
        ).map(Self.part)
    }

    /// Stores a part with a reference to `bytes`, replacing (and releasing) an earlier part with
    /// the same number.
    func replacePart(_ part: UploadedPart, bytes: S3Store.BlobSource, upload: MultipartUpload) throws {
        let digest = try reference(bytes)
        let previous = try connection.queryOne(
            "DELETE FROM s3_upload_part WHERE upload_id = ? AND part_number = ? RETURNING blob_digest",
            [.text(upload.uploadID), .integer(Int64(part.partNumber))])
        try connection.run(
            """
            INSERT INTO s3_upload_part (upload_id, part_number, blob_digest, size, etag, last_modified, checksum_value)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(upload.uploadID), .integer(Int64(part.partNumber)), .text(digest), .integer(part.size),
                .text(part.etag), .integer(Self.millis(part.lastModified)),
                part.checksumValue.map { .text($0) } ?? .null,
            ])
        if let previous { try release(try previous.string("blob_digest")) }
    }

    /// Removes the upload and releases its parts.
    func removeUpload(_ uploadID: String) throws {
        let digests = try connection.query(
            "DELETE FROM s3_upload_part WHERE upload_id = ? RETURNING blob_digest", [.text(uploadID)]
        ).map { try $0.string("blob_digest") }
        try connection.run("DELETE FROM s3_upload WHERE upload_id = ?", [.text(uploadID)])
        for digest in digests { try release(digest) }
    }

    static func upload(_ row: Row) throws -> MultipartUpload {
        MultipartUpload(
            uploadID: try row.string("upload_id"), bucket: try row.string("bucket"), key: try row.string("key"),
            initiated: date(try row.int64("initiated")), ownerAccountID: try row.string("owner_account"),
            initiatorARN: try row.string("initiator_arn"), storageClass: try row.string("storage_class"),
            headers: ObjectHeaders(
                standard: FieldCoding.fields(try row.string("headers")),
                metadata: FieldCoding.fields(try row.string("metadata"))),
            tags: FieldCoding.tags(try row.string("tags")),
            checksumAlgorithm: try row.optionalString("checksum_algorithm").flatMap(ChecksumAlgorithm.init(rawValue:)),
            checksumType: try row.optionalString("checksum_type").flatMap(ChecksumType.init(rawValue:)))
    }

    static func part(_ row: Row) throws -> UploadedPart {
        UploadedPart(
            partNumber: try row.int("part_number"), blobDigest: try row.string("blob_digest"),
            size: try row.int64("size"),
            etag: try row.string("etag"), lastModified: date(try row.int64("last_modified")),
            checksumValue: try row.optionalString("checksum_value"))
    }
}
