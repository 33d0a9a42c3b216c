import AWSCore
import Foundation

extension S3Backend {
    func putObject(_ input: PutObjectRequest, context: RequestContext) throws -> PutObjectOutput {
        let key = input.Key
        let bucket = try addressedObject(input.bucket, key: key, context, action: "s3:PutObject")
        try Self.requireContentLength(input.ContentLength, input.Body, maximum: ObjectLimits.maxSinglePutBytes)
        let headers = try ObjectHeaders(request: input.headers)
        let storageClass = try StorageClass.validate(input.StorageClass)
        let tags = try Self.taggingHeader(input.Tagging)
        let conditions = WriteConditions(ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch)
        try conditions.validate()
        let claims = try IntegrityClaims(input.checksums)

        // New objects get a CRC64NVME checksum when the client sends none, as S3 does.
        let (staged, checksum) = try Payload.stage(
            input.Body, claims: claims, defaultAlgorithm: .crc64nvme, blobStore: blobStore)
        let object = StoredObject(
            bucket: bucket.name, key: key, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
            lastModified: context.clock.now(), ownerAccountID: bucket.accountID, storageClass: storageClass,
            headers: headers, tags: tags, checksum: checksum, partsCount: nil)
        do {
            try store.write { tx in
                // Checked inside the write, so a conditional write is atomic.
                try conditions.check(existing: try tx.object(bucket: bucket.name, key: key), key: key)
                try tx.replaceObject(with: object, bytes: .staged(staged))
            }
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
        return PutObjectOutput(ETag: object.etag, checksum: checksum, encryption: headers.encryptionHeaders)
    }

    /// PUT bodies must state their length; S3 refuses streams of unknown size and oversized ones.
    static func requireContentLength(_ declared: String?, _ body: StreamingPayload, maximum: Int64) throws {
        guard declared != nil else { throw S3Error.missingContentLength }
        let size = Int64(body.count)
        guard size <= maximum else { throw S3Error.entityTooLarge(proposedSize: size, maxSize: maximum) }
    }

    /// `x-amz-tagging`: the tags a new object gets.
    static func taggingHeader(_ header: String?) throws -> TagSet {
        guard let header else { return TagSet() }
        let tags = TagSet(urlEncoded: header)
        try tags.validate(forObject: true)
        return tags
    }
}
