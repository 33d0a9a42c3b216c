import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func createMultipartUpload(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:PutObject", bucket: bucket, key: key)
        let algorithm = try Self.checksumAlgorithmHeader(request)
        let type = try MultipartRules.checksumType(algorithm: algorithm, requested: request.header("x-amz-checksum-type"))
        let upload = MultipartUpload(
            uploadID: UploadID.make(), bucket: bucket.name, key: key, initiated: request.now,
            ownerAccountID: bucket.accountID, initiatorARN: request.context.caller.arn,
            storageClass: try StorageClass.validate(request.header("x-amz-storage-class")),
            headers: try ObjectHeaders(request: request.http.headers), tags: try Self.taggingHeader(request),
            checksumAlgorithm: algorithm, checksumType: type)
        try store.createUpload(upload)
        var headers = HTTPHeaders()
        if let algorithm, let type {
            headers.add("x-amz-checksum-algorithm", algorithm.name)
            headers.add("x-amz-checksum-type", type.rawValue)
        }
        for field in upload.headers.encryptionHeaders { headers.add(field.name, field.value) }
        return S3Response.xml(
            "InitiateMultipartUploadResult",
            [.leaf("Bucket", bucket.name), .leaf("Key", key), .leaf("UploadId", upload.uploadID)], headers: headers)
    }

    func uploadPart(_ request: AWSRequest) throws -> HTTPResponse {
        let (_, _, upload, partNumber) = try addressedUpload(request, action: "s3:PutObject")
        try Self.requireContentLength(request, maximum: ObjectLimits.maxSinglePutBytes)
        let claims = try IntegrityClaims(request)
        if let expected = upload.checksumAlgorithm,
            let given = claims.checksum?.algorithm ?? claims.trailerChecksum?.algorithm, given != expected
        {
            throw S3Error.invalidRequest(
                message:
                    "Checksum Type mismatch occurred, expected checksum Type: \(expected.rawValue), actual checksum Type: \(given.rawValue)"
            )
        }
        let (staged, checksum) = try Payload.stage(
            request.body, claims: claims, defaultAlgorithm: upload.checksumAlgorithm, blobStore: blobStore)
        let part = UploadedPart(
            partNumber: partNumber, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
            lastModified: request.now,
            checksumValue: checksum.flatMap { $0.algorithm == upload.checksumAlgorithm ? $0.value : nil })
        do {
            try store.putPart(part, bytes: .staged(staged), upload: upload)
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
        var headers = HTTPHeaders()
        headers.add("ETag", ETag.quoted(part.etag))
        if let checksum { headers.add(checksum.algorithm.headerName, checksum.value) }
        for field in upload.headers.encryptionHeaders { headers.add(field.name, field.value) }
        return S3Response.empty(headers: headers)
    }

    /// A part copied from an existing object: by reference when it is the whole object, else the
    /// range is streamed into a new blob.
    func uploadPartCopy(_ request: AWSRequest) throws -> HTTPResponse {
        let (_, _, upload, partNumber) = try addressedUpload(request, action: "s3:PutObject")
        let (_, source) = try copySource(request)
        let algorithm = upload.checksumAlgorithm
        let part: UploadedPart
        if let rangeHeader = request.header("x-amz-copy-source-range") {
            let range = try CopySourceRange.parse(rangeHeader, size: source.size)
            let (staged, digest) = try BlobScan.copy(
                source.blobDigest, offset: range.offset, length: range.length, checksum: algorithm, blobStore: blobStore)
            part = UploadedPart(
                partNumber: partNumber, blobDigest: staged.digest, size: staged.size, etag: staged.md5Hex,
                lastModified: request.now, checksumValue: digest.map { Data($0).base64EncodedString() })
            do {
                try store.putPart(part, bytes: .staged(staged), upload: upload)
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
            if let algorithm, let checksum = source.checksum, checksum.algorithm == algorithm, checksum.type == .fullObject {
                checksumValue = checksum.value
            }
            if etag.contains("-") || (algorithm != nil && checksumValue == nil) {
                let scan = try BlobScan.digests(of: source.blobDigest, checksum: algorithm, blobStore: blobStore)
                etag = scan.md5Hex
                checksumValue = scan.checksum.map { Data($0).base64EncodedString() }
            }
            part = UploadedPart(
                partNumber: partNumber, blobDigest: source.blobDigest, size: source.size, etag: etag,
                lastModified: request.now, checksumValue: checksumValue)
            try store.putPart(part, bytes: .existing(digest: source.blobDigest), upload: upload)
        }
        var children: [XMLTree] = [
            .leaf("ETag", ETag.quoted(part.etag)), .leaf("LastModified", S3Time.iso8601(part.lastModified)),
        ]
        if let algorithm, let value = part.checksumValue {
            children.append(.leaf(S3Response.checksumMember(algorithm), value))
        }
        return S3Response.xml("CopyPartResult", children)
    }

    func abortMultipartUpload(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:AbortMultipartUpload", bucket: bucket, key: key)
        let uploadID = request.query("uploadId") ?? ""
        guard try store.abortUpload(uploadID, bucket: bucket.name, key: key) else {
            throw S3Error.noSuchUpload(uploadID: uploadID)
        }
        return S3Response.empty(status: 204)
    }

    /// Bucket, key, authorization, part number and the upload for UploadPart and UploadPartCopy.
    func addressedUpload(_ request: AWSRequest, action: String) throws -> (Bucket, String, MultipartUpload, Int) {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, action, bucket: bucket, key: key)
        let partNumber = try Self.partNumber(request.query("partNumber") ?? "")
        let uploadID = request.query("uploadId") ?? ""
        guard let upload = try store.upload(uploadID, bucket: bucket.name, key: key) else {
            throw S3Error.noSuchUpload(uploadID: uploadID)
        }
        return (bucket, key, upload, partNumber)
    }
}
