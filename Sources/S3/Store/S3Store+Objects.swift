import AWSCore
import Foundation
import Storage

extension S3Transaction {
    func object(bucket: String, key: String) throws -> StoredObject? {
        let sql = "SELECT * FROM s3_object WHERE bucket = ? AND key = ?"
        guard let row = try connection.queryOne(sql, [.text(bucket), .text(key)]) else { return nil }
        let parts = try connection.query(
            "SELECT * FROM s3_object_part WHERE object_id = ? ORDER BY part_number", [.integer(try row.int64("id"))]
        ).map { part in
            ObjectPart(
                partNumber: try part.int("part_number"), size: try part.int64("size"),
                checksumValue: try part.optionalString("checksum_value"))
        }
        return try Self.object(row, parts: parts)
    }

    /// Objects of `bucket` with keys `>= prefix` and `> after`, in byte order (parts not loaded).
    func objects(bucket: String, prefix: String, after: String?, limit: Int) throws -> [StoredObject] {
        try connection.query(
            """
            SELECT * FROM s3_object WHERE bucket = ? AND key >= ? AND (? IS NULL OR key > ?)
            ORDER BY key LIMIT ?
            """,
            [
                .text(bucket), .text(prefix), after.map { .text($0) } ?? .null, after.map { .text($0) } ?? .null,
                .integer(Int64(limit)),
            ]
        ).map { try Self.object($0, parts: []) }
    }

    /// Stores `object` under its key with a reference to `bytes`, deleting the row it replaces
    /// and releasing that row's blob. The bucket is checked again here, as it may have been
    /// deleted since the request looked it up.
    @discardableResult
    func replaceObject(with object: StoredObject, bytes: S3Store.BlobSource) throws -> StoredObject {
        var object = object
        object.blobDigest = try reference(bytes)
        try requireBucket(object.bucket)
        let previous = try connection.queryOne(
            "DELETE FROM s3_object WHERE bucket = ? AND key = ? RETURNING blob_digest",
            [.text(object.bucket), .text(object.key)])
        try connection.run(
            """
            INSERT INTO s3_object (bucket, key, blob_digest, size, etag, last_modified, owner_account, storage_class,
                headers, metadata, tags, checksum_algorithm, checksum_value, checksum_type, parts_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(object.bucket), .text(object.key), .text(object.blobDigest), .integer(object.size),
                .text(object.etag),
                .integer(Self.millis(object.lastModified)), .text(object.ownerAccountID), .text(object.storageClass),
                .text(FieldCoding.encode(object.headers.standard)), .text(FieldCoding.encode(object.headers.metadata)),
                .text(FieldCoding.encode(object.tags)), object.checksum.map { .text($0.algorithm.rawValue) } ?? .null,
                object.checksum.map { .text($0.value) } ?? .null,
                object.checksum.map { .text($0.type.rawValue) } ?? .null,
                object.partsCount.map { .integer(Int64($0)) } ?? .null,
            ])
        let id = connection.lastInsertRowID
        for part in object.parts {
            try connection.run(
                "INSERT INTO s3_object_part (object_id, part_number, size, checksum_value) VALUES (?, ?, ?, ?)",
                [
                    .integer(id), .integer(Int64(part.partNumber)), .integer(part.size),
                    part.checksumValue.map { .text($0) } ?? .null,
                ])
        }
        if let previous { try release(try previous.string("blob_digest")) }
        return object
    }

    /// Deletes the object if present, releasing its blob; true when something was deleted.
    @discardableResult
    func deleteObject(bucket: String, key: String) throws -> Bool {
        guard
            let row = try connection.queryOne(
                "DELETE FROM s3_object WHERE bucket = ? AND key = ? RETURNING blob_digest", [.text(bucket), .text(key)])
        else { return false }
        try release(try row.string("blob_digest"))
        return true
    }

    /// Replaces the object's tags; false when the object does not exist.
    func setObjectTags(_ tags: TagSet, bucket: String, key: String) throws -> Bool {
        try connection.run(
            "UPDATE s3_object SET tags = ? WHERE bucket = ? AND key = ?",
            [.text(FieldCoding.encode(tags)), .text(bucket), .text(key)])
        return connection.changes == 1
    }

    static func object(_ row: Row, parts: [ObjectPart]) throws -> StoredObject {
        var checksum: ObjectChecksum?
        if let name = try row.optionalString("checksum_algorithm"), let algorithm = ChecksumAlgorithm(rawValue: name),
            let value = try row.optionalString("checksum_value"),
            let type = ChecksumType(rawValue: try row.optionalString("checksum_type") ?? "")
        {
            checksum = ObjectChecksum(algorithm: algorithm, value: value, type: type)
        }
        return StoredObject(
            bucket: try row.string("bucket"), key: try row.string("key"), blobDigest: try row.string("blob_digest"),
            size: try row.int64("size"), etag: try row.string("etag"),
            lastModified: date(try row.int64("last_modified")),
            ownerAccountID: try row.string("owner_account"), storageClass: try row.string("storage_class"),
            headers: ObjectHeaders(
                standard: FieldCoding.fields(try row.string("headers")),
                metadata: FieldCoding.fields(try row.string("metadata"))),
            tags: FieldCoding.tags(try row.string("tags")), checksum: checksum,
            partsCount: try row.optionalInt("parts_count"),
            parts: parts)
    }
}
