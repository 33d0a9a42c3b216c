import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    /// Copies by reference: the new object points at the source's blob, so no bytes move. Its
    /// ETag and checksum are those of a single-part object, recomputed by reading the blob
    /// only when the source's do not already describe it that way.
    func copyObject(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        let (sourceBucket, source) = try copySource(request)
        try authorize(request, "s3:PutObject", bucket: bucket, key: key)
        guard source.size <= ObjectLimits.maxSinglePutBytes else {
            throw S3Error.invalidRequest(
                message:
                    "The specified copy source is larger than the maximum allowable size for a copy source: \(ObjectLimits.maxSinglePutBytes)")
        }

        let metadataDirective = try Self.directive(request, "x-amz-metadata-directive")
        let taggingDirective = try Self.directive(request, "x-amz-tagging-directive")
        let storageClassHeader = request.header("x-amz-storage-class")
        let storageClass = try StorageClass.validate(storageClassHeader)
        var headers: ObjectHeaders
        if metadataDirective == "REPLACE" {
            headers = try ObjectHeaders(request: request.http.headers)
        } else {
            headers = source.headers
            if request.header("x-amz-server-side-encryption") != nil {
                let requested = try ObjectHeaders(request: request.http.headers)
                headers.standard.removeAll { $0.name.hasPrefix("x-amz-server-side-encryption") }
                headers.standard += requested.encryptionHeaders
            }
        }
        let tags = taggingDirective == "REPLACE" ? try Self.taggingHeader(request) : source.tags
        let changesSomething =
            metadataDirective == "REPLACE" || storageClassHeader != nil
            || request.header("x-amz-server-side-encryption") != nil
            || request.header("x-amz-website-redirect-location") != nil
        if Bytewise.equal(sourceBucket.name, bucket.name) && Bytewise.equal(source.key, key) && !changesSomething {
            throw S3Error.invalidRequest(
                message:
                    "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }

        let requested = try Self.checksumAlgorithmHeader(request)
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
            lastModified: request.now, ownerAccountID: bucket.accountID, storageClass: storageClass, headers: headers,
            tags: tags, checksum: checksum, partsCount: nil)
        let conditions = WriteConditions(ifMatch: request.header("if-match"), ifNoneMatch: request.header("if-none-match"))
        try conditions.validate()
        try store.putObject(object, bytes: .existing(digest: source.blobDigest)) {
            try conditions.check(existing: $0, key: key)
        }
        var responseHeaders = HTTPHeaders()
        for field in headers.encryptionHeaders { responseHeaders.add(field.name, field.value) }
        return S3Response.xml(
            "CopyObjectResult",
            [.leaf("ETag", ETag.quoted(etag)), .leaf("LastModified", S3Time.iso8601(object.lastModified))]
                + S3Response.checksumElements(checksum), headers: responseHeaders)
    }

    /// The source of CopyObject and UploadPartCopy: parsed, found, readable by the caller, and
    /// passing the `x-amz-copy-source-if-*` conditions (any failure is 412, never 304).
    func copySource(_ request: AWSRequest) throws -> (Bucket, StoredObject) {
        let source = try CopySource.parse(request.header("x-amz-copy-source") ?? "")
        try ObjectKey.validate(source.key)
        if let version = source.versionID, version != "null" {
            throw S3Error.invalidArgument(message: "Invalid version id specified", name: "x-amz-copy-source", value: version)
        }
        guard let bucket = try store.bucket(named: source.bucket) else { throw S3Error.noSuchBucket(bucket: source.bucket) }
        try authorize(request, "s3:GetObject", bucket: bucket, key: source.key)
        guard let object = try store.object(bucket: bucket.name, key: source.key) else {
            throw missingKey(request, bucket: bucket, key: source.key)
        }
        var conditions = Conditions(
            ifMatch: request.header("x-amz-copy-source-if-match"),
            ifNoneMatch: request.header("x-amz-copy-source-if-none-match"),
            ifModifiedSince: request.header("x-amz-copy-source-if-modified-since").flatMap(HTTPDateParser.parse),
            ifUnmodifiedSince: request.header("x-amz-copy-source-if-unmodified-since").flatMap(HTTPDateParser.parse))
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
    static func directive(_ request: AWSRequest, _ header: String) throws -> String {
        let value = request.header(header) ?? "COPY"
        guard value == "COPY" || value == "REPLACE" else {
            let what = header == "x-amz-metadata-directive" ? "metadata" : "tagging"
            throw S3Error.invalidArgument(message: "Unknown \(what) directive.", name: header, value: value)
        }
        return value
    }

    /// `x-amz-checksum-algorithm` (CopyObject, CreateMultipartUpload).
    static func checksumAlgorithmHeader(_ request: AWSRequest) throws -> ChecksumAlgorithm? {
        guard let value = request.header("x-amz-checksum-algorithm") else { return nil }
        guard let algorithm = ChecksumAlgorithm(name: value) else {
            throw S3Error.invalidRequest(
                message:
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
            )
        }
        return algorithm
    }
}
