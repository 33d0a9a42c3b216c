import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func putObject(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:PutObject", bucket: bucket, key: key)
        try Self.requireContentLength(request, maximum: ObjectLimits.maxSinglePutBytes)
        let headers = try ObjectHeaders(request: request.http.headers)
        let storageClass = try StorageClass.validate(request.header("x-amz-storage-class"))
        let tags = try Self.taggingHeader(request)
        let conditions = WriteConditions(ifMatch: request.header("if-match"), ifNoneMatch: request.header("if-none-match"))
        try conditions.validate()
        let claims = try IntegrityClaims(request)

        // New objects get a CRC64NVME checksum when the client sends none, as S3 does.
        let (staged, checksum) = try Payload.stage(
            request.body, claims: claims, defaultAlgorithm: .crc64nvme, blobStore: blobStore)
        let object = StoredObject(
            bucket: bucket.name, key: key, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
            lastModified: request.now, ownerAccountID: bucket.accountID, storageClass: storageClass, headers: headers,
            tags: tags, checksum: checksum, partsCount: nil)
        do {
            try store.putObject(object, bytes: .staged(staged)) { try conditions.check(existing: $0, key: key) }
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
        return S3Response.empty(headers: Self.writeHeaders(object, echoChecksum: true))
    }

    /// ETag, checksum and encryption headers of a write's answer.
    static func writeHeaders(_ object: StoredObject, echoChecksum: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("ETag", ETag.quoted(object.etag))
        if echoChecksum, let checksum = object.checksum {
            headers.add(checksum.algorithm.headerName, checksum.value)
            headers.add("x-amz-checksum-type", checksum.type.rawValue)
        }
        for field in object.headers.encryptionHeaders { headers.add(field.name, field.value) }
        return headers
    }

    /// PUT bodies must state their length; S3 refuses streams of unknown size and oversized ones.
    static func requireContentLength(_ request: AWSRequest, maximum: Int64) throws {
        let declared = request.header("x-amz-decoded-content-length") ?? request.header("content-length")
        guard declared != nil else { throw S3Error.missingContentLength }
        let size = Int64(request.body.count)
        guard size <= maximum else { throw S3Error.entityTooLarge(proposedSize: size, maxSize: maximum) }
    }

    static func taggingHeader(_ request: AWSRequest) throws -> TagSet {
        guard let header = request.header("x-amz-tagging") else { return TagSet() }
        let tags = TagSet(urlEncoded: header)
        try tags.validate(forObject: true)
        return tags
    }
}
