import AWSCore
import Foundation

extension S3Backend {
    func createMultipartUpload(_ input: CreateMultipartUploadRequest, context: RequestContext) throws
        -> CreateMultipartUploadOutput
    {
        let key = input.Key
        let bucket = try addressedObject(input.bucket, key: key, context, action: "s3:PutObject")
        let algorithm = try Self.checksumAlgorithm(input.ChecksumAlgorithm)
        let type = try MultipartRules.checksumType(algorithm: algorithm, requested: input.ChecksumType)
        let upload = MultipartUpload(
            uploadID: UploadID.make(), bucket: bucket.name, key: key, initiated: context.clock.now(),
            ownerAccountID: bucket.accountID, initiatorARN: context.caller.arn,
            storageClass: try StorageClass.validate(input.StorageClass),
            headers: try ObjectHeaders(request: input.headers), tags: try Self.taggingHeader(input.Tagging),
            checksumAlgorithm: algorithm, checksumType: type)
        try store.write { try $0.insertUpload(upload) }
        return CreateMultipartUploadOutput(upload: upload)
    }

    func uploadPart(_ input: UploadPartRequest, context: RequestContext) throws -> UploadPartOutput {
        let (upload, partNumber) = try addressedUpload(input.upload, partNumber: input.PartNumber, context)
        try Self.requireContentLength(input.ContentLength, input.Body, maximum: ObjectLimits.maxSinglePutBytes)
        let claims = try IntegrityClaims(input.checksums)
        if let expected = upload.checksumAlgorithm,
            let given = claims.checksum?.algorithm ?? claims.trailerChecksum?.algorithm, given != expected
        {
            throw S3Error.invalidRequest(
                message:
                    "Checksum Type mismatch occurred, expected checksum Type: \(expected.rawValue), actual checksum Type: \(given.rawValue)"
            )
        }
        let (staged, checksum) = try Payload.stage(
            input.Body, claims: claims, defaultAlgorithm: upload.checksumAlgorithm, blobStore: blobStore)
        let part = UploadedPart(
            partNumber: partNumber, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
            lastModified: context.clock.now(),
            checksumValue: checksum.flatMap { $0.algorithm == upload.checksumAlgorithm ? $0.value : nil })
        do {
            try putPart(part, bytes: .staged(staged), upload: upload)
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
        return UploadPartOutput(
            ETag: part.etag, checksum: checksum, checksumType: false, encryption: upload.headers.encryptionHeaders)
    }

    /// A part copied from an existing object: by reference when it is the whole object, else the
    /// range is streamed into a new blob.
    func uploadPartCopy(_ input: UploadPartCopyRequest, context: RequestContext) throws -> UploadPartCopyOutput {
        let (upload, partNumber) = try addressedUpload(input.upload, partNumber: input.PartNumber, context)
        let (_, source) = try copySource(input.source, context)
        let algorithm = upload.checksumAlgorithm
        let part: UploadedPart
        if let rangeHeader = input.CopySourceRange {
            let range = try CopySourceRange.parse(rangeHeader, size: source.size)
            let (staged, digest) = try BlobScan.copy(
                source.blobDigest, offset: range.offset, length: range.length, checksum: algorithm, blobStore: blobStore
            )
            part = UploadedPart(
                partNumber: partNumber, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
                lastModified: context.clock.now(), checksumValue: digest.map { Data($0).base64EncodedString() })
            do {
                try putPart(part, bytes: .staged(staged), upload: upload)
            } catch {
                try? blobStore.discard(staged)
                throw error
            }
        } else {
            guard source.size <= ObjectLimits.maxSinglePutBytes else {
                throw S3Error.entityTooLarge(proposedSize: source.size, maxSize: ObjectLimits.maxSinglePutBytes)
            }
            var etag = source.etag
            var checksumValue: String?
            if let algorithm, let checksum = source.checksum, checksum.algorithm == algorithm,
                checksum.type == .fullObject
            {
                checksumValue = checksum.value
            }
            if etag.contains("-") || (algorithm != nil && checksumValue == nil) {
                let scan = try BlobScan.digests(of: source.blobDigest, checksum: algorithm, blobStore: blobStore)
                etag = scan.md5Hex
                checksumValue = scan.checksum.map { Data($0).base64EncodedString() }
            }
            part = UploadedPart(
                partNumber: partNumber, blobDigest: source.blobDigest, size: source.size, etag: etag,
                lastModified: context.clock.now(), checksumValue: checksumValue)
            try putPart(part, bytes: .existing(digest: source.blobDigest), upload: upload)
        }
        return UploadPartCopyOutput(part: part, checksumAlgorithm: algorithm)
    }

    func abortMultipartUpload(_ input: AbortMultipartUploadRequest, context: RequestContext) throws -> EmptyOutput {
        let bucket = try addressedObject(input.bucket, key: input.Key, context, action: "s3:AbortMultipartUpload")
        let aborted = try store.write { tx in
            guard try tx.upload(input.UploadId, bucket: bucket.name, key: input.Key) != nil else { return false }
            try tx.removeUpload(input.UploadId)
            return true
        }
        guard aborted else { throw S3Error.noSuchUpload(uploadID: input.UploadId) }
        return .noContent
    }

    /// Authorization, part number and the upload for UploadPart and UploadPartCopy.
    func addressedUpload(_ address: UploadAddress, partNumber: String?, _ context: RequestContext) throws
        -> (MultipartUpload, Int)
    {
        let bucket = try addressedObject(address.bucket, key: address.Key, context, action: "s3:PutObject")
        let partNumber = try Self.partNumber(partNumber ?? "")
        return (try upload(address, in: bucket), partNumber)
    }

    /// The upload `address` names, after the bucket and the caller's permission for `action`.
    func addressedUpload(_ address: UploadAddress, _ context: RequestContext, action: String) throws
        -> (Bucket, MultipartUpload)
    {
        let bucket = try addressedObject(address.bucket, key: address.Key, context, action: action)
        return (bucket, try upload(address, in: bucket))
    }

    private func upload(_ address: UploadAddress, in bucket: Bucket) throws -> MultipartUpload {
        let upload = try store.read { try $0.upload(address.UploadId, bucket: bucket.name, key: address.Key) }
        guard let upload else { throw S3Error.noSuchUpload(uploadID: address.UploadId) }
        return upload
    }
}

extension S3Backend {
    /// Stores a part of `upload`, which must still be in progress (not completed or aborted since
    /// the request looked it up).
    func putPart(_ part: UploadedPart, bytes: S3Store.BlobSource, upload: MultipartUpload) throws {
        try store.write { tx in
            try tx.requireUpload(upload)
            try tx.replacePart(part, bytes: bytes, upload: upload)
        }
    }
}
