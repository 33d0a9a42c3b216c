import AWSCore
import Foundation
import Testing

@testable import S3

@Suite("Multipart rules")
struct MultipartRulesTests {
    let upload = MultipartUpload(
        uploadID: "UP", bucket: "b", key: "k", initiated: S3Harness.epoch, ownerAccountID: "000000000000",
        initiatorARN: "arn:aws:iam::000000000000:root", storageClass: "STANDARD", headers: ObjectHeaders(),
        tags: TagSet(),
        checksumAlgorithm: nil, checksumType: nil)

    func part(_ number: Int, size: Int64, etag: String = "e", checksum: String? = nil) -> UploadedPart {
        UploadedPart(
            partNumber: number, blobDigest: "sha256:" + String(repeating: "0", count: 64), size: size, etag: etag,
            lastModified: S3Harness.epoch, checksumValue: checksum)
    }

    func listed(_ number: Int, etag: String = "e", checksums: [ChecksumAlgorithm: String] = [:])
        -> RequestDocuments.CompletedPart
    {
        RequestDocuments.CompletedPart(partNumber: number, etag: etag, checksums: checksums)
    }

    @Test("checksum types: CRC64NVME is full-object, SHA composite, CRC32 composite unless asked")
    func types() throws {
        #expect(try MultipartRules.checksumType(algorithm: .crc64nvme, requested: nil) == .fullObject)
        #expect(try MultipartRules.checksumType(algorithm: .sha256, requested: nil) == .composite)
        #expect(try MultipartRules.checksumType(algorithm: .crc32, requested: nil) == .composite)
        #expect(try MultipartRules.checksumType(algorithm: .crc32c, requested: "FULL_OBJECT") == .fullObject)
        #expect(try MultipartRules.checksumType(algorithm: nil, requested: nil) == nil)
        #expect(throws: (any Error).self) {
            try MultipartRules.checksumType(algorithm: .sha1, requested: "FULL_OBJECT")
        }
        #expect(throws: (any Error).self) {
            try MultipartRules.checksumType(algorithm: .crc64nvme, requested: "COMPOSITE")
        }
        #expect(throws: (any Error).self) { try MultipartRules.checksumType(algorithm: nil, requested: "COMPOSITE") }
    }

    @Test("listed parts must ascend, exist with their ETag, and all but the last be 5 MiB")
    func resolve() throws {
        let uploaded = [
            part(1, size: 5 << 20, etag: "a"), part(2, size: 5 << 20, etag: "b"), part(3, size: 1, etag: "c"),
        ]
        #expect(
            try MultipartRules.resolve(
                [listed(1, etag: "a"), listed(3, etag: "c")], uploaded: uploaded, upload: upload
            ).map(\.partNumber) == [1, 3])
        #expect(throws: S3Error.invalidPartOrder(uploadID: "UP")) {
            try MultipartRules.resolve(
                [listed(2, etag: "b"), listed(1, etag: "a")], uploaded: uploaded, upload: upload)
        }
        #expect(throws: S3Error.invalidPartOrder(uploadID: "UP")) {
            try MultipartRules.resolve(
                [listed(1, etag: "a"), listed(1, etag: "a")], uploaded: uploaded, upload: upload)
        }
        #expect(throws: S3Error.invalidPart(uploadID: "UP", partNumber: 2, etag: "x")) {
            try MultipartRules.resolve([listed(2, etag: "x")], uploaded: uploaded, upload: upload)
        }
        #expect(throws: S3Error.invalidPart(uploadID: "UP", partNumber: 4, etag: "d")) {
            try MultipartRules.resolve([listed(4, etag: "d")], uploaded: uploaded, upload: upload)
        }
        let small = [part(1, size: 100, etag: "a"), part(2, size: 1, etag: "b")]
        #expect(throws: S3Error.entityTooSmall(proposedSize: 100, partNumber: 1, etag: "a")) {
            try MultipartRules.resolve([listed(1, etag: "a"), listed(2, etag: "b")], uploaded: small, upload: upload)
        }
    }

    @Test("a composite upload needs each part's checksum, and it must match")
    func compositeChecksums() throws {
        var composite = upload
        composite.checksumAlgorithm = .crc32
        composite.checksumType = .composite
        let uploaded = [part(1, size: 10, etag: "a", checksum: "AAAAAA==")]
        #expect(throws: (any Error).self) {
            try MultipartRules.resolve([listed(1, etag: "a")], uploaded: uploaded, upload: composite)
        }
        #expect(throws: S3Error.invalidPart(uploadID: "UP", partNumber: 1, etag: "a")) {
            try MultipartRules.resolve(
                [listed(1, etag: "a", checksums: [.crc32: "AAAAAQ=="])], uploaded: uploaded, upload: composite)
        }
        _ = try MultipartRules.resolve(
            [listed(1, etag: "a", checksums: [.crc32: "AAAAAA=="])], uploaded: uploaded, upload: composite)
    }

    @Test("a composite checksum is the checksum of the part checksums, then -N")
    func composite() {
        let first = Checksum.digest(.crc32, of: Array("part one".utf8))
        let second = Checksum.digest(.crc32, of: Array("part two".utf8))
        let expected = Data(Checksum.digest(.crc32, of: first + second)).base64EncodedString() + "-2"
        let values = [first, second].map { Data($0).base64EncodedString() }
        #expect(MultipartRules.composite(.crc32, partValues: values) == expected)
    }
}
