import AWSCore
import Foundation

extension S3Backend {
    /// Copies by reference: the new object points at the source's blob, so no bytes move. Its
    /// ETag and checksum are those of a single-part object, recomputed by reading the blob
    /// only when the source's do not already describe it that way.
    func copyObject(_ input: CopyObjectRequest, context: RequestContext) throws -> CopyObjectOutput {
        let bucket = try addressedBucket(input.bucket)
        let key = input.Key
        try ObjectKey.validate(key)
        let (sourceBucket, source) = try copySource(input.source, context)
        try authorize(context, "s3:PutObject", bucket: bucket, key: key)
        guard source.size <= ObjectLimits.maxSinglePutBytes else {
            throw S3Error.invalidRequest(
                message:
                    "The specified copy source is larger than the maximum allowable size for a copy source: \(ObjectLimits.maxSinglePutBytes)"
            )
        }

        let metadataDirective = try Self.directive(input.MetadataDirective, "x-amz-metadata-directive")
        let taggingDirective = try Self.directive(input.TaggingDirective, "x-amz-tagging-directive")
        let storageClass = try StorageClass.validate(input.StorageClass)
        let encryptionRequested = input.headers["x-amz-server-side-encryption"] != nil
        let headers = try Self.copiedHeaders(input.headers, source: source, replace: metadataDirective == "REPLACE")
        let tags = taggingDirective == "REPLACE" ? try Self.taggingHeader(input.Tagging) : source.tags
        let changesSomething =
            metadataDirective == "REPLACE" || input.StorageClass != nil || encryptionRequested
            || input.headers["x-amz-website-redirect-location"] != nil
        if Bytewise.equal(sourceBucket.name, bucket.name) && Bytewise.equal(source.key, key) && !changesSomething {
            throw S3Error.invalidRequest(
                message:
                    "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }

        let requested = try Self.checksumAlgorithm(input.ChecksumAlgorithm)
        var etag = source.etag
        var checksum = source.checksum
        let algorithm = requested ?? source.checksum?.algorithm ?? .crc64nvme
        if etag.contains("-") || checksum == nil || checksum?.type == .composite || checksum?.algorithm != algorithm {
            let scan = try BlobScan.digests(of: source.blobDigest, checksum: algorithm, blobStore: blobStore)
            etag = scan.md5Hex
            checksum = ObjectChecksum(
                algorithm: algorithm, value: Data(scan.checksum ?? []).base64EncodedString(), type: .fullObject)
        }
        let object = StoredObject(
            bucket: bucket.name, key: key, blobDigest: source.blobDigest, size: source.size, etag: etag,
            lastModified: context.clock.now(), ownerAccountID: bucket.accountID, storageClass: storageClass,
            headers: headers, tags: tags, checksum: checksum, partsCount: nil)
        let conditions = WriteConditions(ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch)
        try conditions.validate()
        try store.write { tx in
            try conditions.check(existing: try tx.object(bucket: bucket.name, key: key), key: key)
            try tx.replaceObject(with: object, bytes: .existing(digest: source.blobDigest))
        }
        return CopyObjectOutput(
            encryption: headers.encryptionHeaders, ETag: etag, LastModified: object.lastModified, checksum: checksum)
    }

    /// The copy's headers: the request's (REPLACE), or the source's with the encryption the
    /// request asks for, if it asks.
    static func copiedHeaders(_ members: ObjectHeaderMembers, source: StoredObject, replace: Bool) throws
        -> ObjectHeaders
    {
        if replace { return try ObjectHeaders(request: members) }
        var headers = source.headers
        if members["x-amz-server-side-encryption"] != nil {
            let requested = try ObjectHeaders(request: members)
            headers.standard.removeAll { $0.name.hasPrefix("x-amz-server-side-encryption") }
            headers.standard += requested.encryptionHeaders
        }
        return headers
    }

    /// The source of CopyObject and UploadPartCopy: parsed, found, readable by the caller, and
    /// passing the `x-amz-copy-source-if-*` conditions (any failure is 412, never 304).
    func copySource(_ members: CopySourceMembers, _ context: RequestContext) throws -> (Bucket, StoredObject) {
        let source = try CopySource.parse(members.CopySource ?? "")
        try ObjectKey.validate(source.key)
        if let version = source.versionID, version != "null" {
            throw S3Error.invalidArgument(
                message: "Invalid version id specified", name: "x-amz-copy-source", value: version)
        }
        guard let bucket = try store.bucket(named: source.bucket) else {
            throw S3Error.noSuchBucket(bucket: source.bucket)
        }
        try authorize(context, "s3:GetObject", bucket: bucket, key: source.key)
        guard let object = try store.object(bucket: bucket.name, key: source.key) else {
            throw missingKey(context, bucket: bucket, key: source.key)
        }
        var conditions = Conditions(
            ifMatch: members.CopySourceIfMatch, ifNoneMatch: members.CopySourceIfNoneMatch,
            ifModifiedSince: members.CopySourceIfModifiedSince.flatMap(HTTPDateParser.parse),
            ifUnmodifiedSince: members.CopySourceIfUnmodifiedSince.flatMap(HTTPDateParser.parse))
        conditions.names = .init(
            ifMatch: "x-amz-copy-source-If-Match", ifNoneMatch: "x-amz-copy-source-If-None-Match",
            ifModifiedSince: "x-amz-copy-source-If-Modified-Since",
            ifUnmodifiedSince: "x-amz-copy-source-If-Unmodified-Since")
        switch conditions.evaluate(etag: object.etag, lastModified: object.lastModified) {
        case .proceed: break
        case .notModified:
            let name = conditions.ifNoneMatch != nil ? conditions.names.ifNoneMatch : conditions.names.ifModifiedSince
            throw S3Error.preconditionFailed(condition: name)
        case .preconditionFailed(let condition):
            throw S3Error.preconditionFailed(condition: condition)
        }
        return (bucket, object)
    }

    /// `COPY` (the default) or `REPLACE`.
    static func directive(_ value: String?, _ header: String) throws -> String {
        let value = value ?? "COPY"
        guard value == "COPY" || value == "REPLACE" else {
            let what = header == "x-amz-metadata-directive" ? "metadata" : "tagging"
            throw S3Error.invalidArgument(message: "Unknown \(what) directive.", name: header, value: value)
        }
        return value
    }

    /// `x-amz-checksum-algorithm` (CopyObject, CreateMultipartUpload).
    static func checksumAlgorithm(_ value: String?) throws -> ChecksumAlgorithm? {
        guard let value else { return nil }
        guard let algorithm = ChecksumAlgorithm(name: value) else {
            throw S3Error.invalidRequest(
                message:
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
            )
        }
        return algorithm
    }
}
