import AWSCore
import Crypto
import Foundation
import Storage

/// Bodies become staged blobs without ever being held whole: a spooled request body is adopted
/// where the server left it (renamed into place on commit, never copied), a small one is written
/// through a blob writer. Checksums are computed in 1 MiB pieces.
enum Payload {
    /// Stages the body and checks what the request claims about it; returns the staged blob and
    /// the checksum the object keeps (the claimed one, or `defaultAlgorithm` computed).
    static func stage(
        _ body: StreamingPayload, claims: IntegrityClaims, defaultAlgorithm: ChecksumAlgorithm?, blobStore: BlobStore
    ) throws -> (StagedBlob, ObjectChecksum?) {
        let staged = try ingest(body, blobStore: blobStore)
        do {
            let checksum = try verify(body, md5Hex: staged.md5Hex, claims: claims, defaultAlgorithm: defaultAlgorithm)
            return (staged, checksum)
        } catch {
            try? blobStore.discard(staged)
            throw error
        }
    }

    static func ingest(_ body: StreamingPayload, blobStore: BlobStore) throws -> StagedBlob {
        if let path = body.spooledFilePath, let staged = try? blobStore.adopt(file: path) {
            return staged
        }
        let writer = try blobStore.makeWriter()
        try body.forEachChunk { try writer.write($0) }
        return try writer.finish()
    }

    /// Checks Content-MD5 and a checksum header against the body, computing at most one checksum.
    static func verify(
        _ body: StreamingPayload, md5Hex: String, claims: IntegrityClaims, defaultAlgorithm: ChecksumAlgorithm?
    ) throws -> ObjectChecksum? {
        if let contentMD5 = claims.contentMD5 {
            guard let expected = Data(base64Encoded: contentMD5), expected.count == 16 else {
                throw S3Error.invalidDigest(contentMD5: contentMD5)
            }
            let calculated = ObjectDigests.bytes(fromHex: md5Hex)
            guard Array(expected) == calculated else {
                throw S3Error.contentMD5Mismatch(
                    expected: contentMD5, calculated: Data(calculated).base64EncodedString())
            }
        }
        if let trailer = claims.trailerChecksum {
            // Verified by the aws-chunked decoder against the decoded bytes.
            return ObjectChecksum(algorithm: trailer.algorithm, value: trailer.base64, type: .fullObject)
        }
        guard let algorithm = claims.checksum?.algorithm ?? defaultAlgorithm else { return nil }
        var hasher = algorithm.makeHasher()
        try body.forEachChunk { hasher.update($0) }
        let computed = hasher.base64
        if let claimed = claims.checksum, claimed.base64 != computed { throw S3Error.checksumMismatch(algorithm) }
        return ObjectChecksum(algorithm: algorithm, value: computed, type: .fullObject)
    }

    /// Reads a document payload (an XML or JSON body) and checks it against its Content-MD5 or
    /// checksum, which the operations that take one require.
    static func document(_ document: DocumentPayload) throws -> [UInt8] {
        let bytes = try RequestDocuments.read(document.payload)
        try verifyDocument(bytes, claims: try IntegrityClaims(document.checksums), required: true)
        return bytes
    }

    /// Checks a small body (an XML document) the same way; `required` operations refuse a body
    /// that carries neither Content-MD5 nor a checksum.
    static func verifyDocument(_ bytes: [UInt8], claims: IntegrityClaims, required: Bool) throws {
        if required && claims.isEmpty { throw S3Error.missingIntegrityHeader }
        let md5 = ObjectDigests.hex(Array(Insecure.MD5.hash(data: bytes)))
        _ = try verify(StreamingPayload(bytes: bytes), md5Hex: md5, claims: claims, defaultAlgorithm: nil)
    }
}
