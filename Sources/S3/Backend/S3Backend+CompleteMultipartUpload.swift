import AWSCore
import Foundation
import Storage

extension S3Backend {
    /// Joins the listed parts into one blob (streamed part by part, never held in memory; a
    /// single part is taken by reference), with the `-N` ETag and the upload's checksum.
    func completeMultipartUpload(_ input: CompleteMultipartUploadRequest, context: RequestContext) throws
        -> CompleteMultipartUploadOutput
    {
        let (bucket, upload) = try addressedUpload(input.upload, context, action: "s3:PutObject")
        let (key, uploadID) = (input.upload.Key, input.upload.UploadId)
        let bytes = try RequestDocuments.read(input.MultipartUpload)
        let claims = try IntegrityClaims(input.checksums)
        try Payload.verifyDocument(bytes, claims: IntegrityClaims(contentMD5: claims.contentMD5), required: false)
        let listed = try RequestDocuments.completeMultipartUpload(bytes)
        let uploaded = try store.read { try $0.parts(of: uploadID) }
        let parts = try MultipartRules.resolve(listed, uploaded: uploaded, upload: upload)
        let size = parts.reduce(Int64(0)) { $0 + $1.size }
        if let declared = input.MpuObjectSize, Int64(declared) != size {
            throw S3Error.invalidRequest(
                message:
                    "The provided 'x-amz-mp-object-size' header value \(declared) does not match what was computed: \(size)"
            )
        }
        let conditions = WriteConditions(ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch)
        try conditions.validate()

        // Without an algorithm of its own the object gets a full-object CRC64NVME, as on S3.
        let algorithm = upload.checksumAlgorithm ?? .crc64nvme
        let composite = upload.checksumType == .composite
        let joined = try join(parts, fullObjectChecksum: composite ? nil : algorithm)
        let checksum = try Self.objectChecksum(
            algorithm, composite: composite, parts: parts, joined: joined.checksum, claimed: claims.checksum)
        let object = StoredObject(
            bucket: bucket.name, key: key, blobDigest: "", size: size,
            etag: ETag.multipart(partMD5s: parts.map(\.etag)), lastModified: context.clock.now(),
            ownerAccountID: upload.ownerAccountID, storageClass: upload.storageClass, headers: upload.headers,
            tags: upload.tags, checksum: checksum, partsCount: parts.count,
            parts: parts.enumerated().map { index, part in
                ObjectPart(partNumber: index + 1, size: part.size, checksumValue: composite ? part.checksumValue : nil)
            })
        do {
            try store.write { tx in
                // The object replaces any previous one; the upload and all its parts, listed or
                // not, are removed with it.
                try tx.requireUpload(upload)
                try conditions.check(existing: try tx.object(bucket: bucket.name, key: key), key: key)
                try tx.replaceObject(with: object, bytes: joined.source)
                try tx.removeUpload(upload.uploadID)
            }
        } catch {
            if case .staged(let staged) = joined.source { try? blobStore.discard(staged) }
            throw error
        }
        let location =
            endpoint() + "/" + URIEncoding.encode(bucket.name) + "/" + URIEncoding.encode(key, keepSlash: true)
        return CompleteMultipartUploadOutput(
            encryption: upload.headers.encryptionHeaders, Location: location, Bucket: bucket.name, Key: key,
            ETag: object.etag, checksum: checksum)
    }

    /// The object's checksum: the composite of the parts' checksums, or the full-object checksum
    /// computed while joining them, which a checksum the request sends must match.
    private static func objectChecksum(
        _ algorithm: ChecksumAlgorithm, composite: Bool, parts: [UploadedPart], joined: String?,
        claimed: ChecksumValue?
    ) throws -> ObjectChecksum {
        if composite {
            let value = MultipartRules.composite(algorithm, partValues: parts.map { $0.checksumValue ?? "" })
            return ObjectChecksum(algorithm: algorithm, value: value, type: .composite)
        }
        let checksum = ObjectChecksum(algorithm: algorithm, value: joined ?? "", type: .fullObject)
        if let claimed {
            guard claimed.algorithm == algorithm else {
                throw S3Error.invalidRequest(
                    message:
                        "Checksum Type mismatch occurred, expected checksum Type: \(algorithm.rawValue), actual checksum Type: \(claimed.algorithm.rawValue)"
                )
            }
            guard claimed.base64 == checksum.value else { throw S3Error.checksumMismatch(algorithm) }
        }
        return checksum
    }

    /// The object's bytes: the one part by reference, or the parts streamed into a new blob.
    private func join(_ parts: [UploadedPart], fullObjectChecksum algorithm: ChecksumAlgorithm?) throws
        -> (source: S3Store.BlobSource, checksum: String?)
    {
        if parts.count == 1 {
            let part = parts[0]
            if algorithm != nil, let value = part.checksumValue { return (.existing(digest: part.blobDigest), value) }
            let checksum = try algorithm.map {
                Data(try BlobScan.digests(of: part.blobDigest, checksum: $0, blobStore: blobStore).checksum ?? [])
                    .base64EncodedString()
            }
            return (.existing(digest: part.blobDigest), checksum)
        }
        let writer = try blobStore.makeWriter()
        var hasher = algorithm?.makeHasher()
        for part in parts {
            try BlobScan.forEachChunk(of: part.blobDigest, blobStore: blobStore) { piece in
                try writer.write(piece)
                hasher?.update(piece)
            }
        }
        return (.staged(try writer.finish()), hasher?.base64)
    }
}
