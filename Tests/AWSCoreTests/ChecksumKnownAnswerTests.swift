import Testing

@testable import AWSCore

/// Known answers for every checksum S3 supports. Hex check values are the catalogue values for
/// "123456789"; base64 values come from the vector script, make_aws_chunked_vectors.py (zlib.crc32,
/// awscrt 0.38.1's crc32c and crc64nvme, hashlib), i.e. what boto3 sends in `x-amz-checksum-*`.
@Suite("Checksums")
struct ChecksumKnownAnswerTests {
    static let check = AWSChunkedFixtures.bytes("123456789")

    @Test("CRC32 of 123456789 is 0xCBF43926, as zlib computes it")
    func crc32CheckValue() {
        var crc = CRC32()
        crc.update(Self.check)
        #expect(crc.value == 0xCBF4_3926)
        #expect(crc.finalize() == [0xCB, 0xF4, 0x39, 0x26])
    }

    @Test("CRC32C of 123456789 is 0xE3069283")
    func crc32cCheckValue() {
        var crc = CRC32C()
        crc.update(Self.check)
        #expect(crc.value == 0xE306_9283)
    }

    @Test("CRC64NVME of 123456789 is 0xAE8B14860A799888")
    func crc64nvmeCheckValue() {
        var crc = CRC64NVME()
        crc.update(Self.check)
        #expect(crc.value == 0xAE8B_1486_0A79_9888)
        #expect(crc.finalize() == [0xAE, 0x8B, 0x14, 0x86, 0x0A, 0x79, 0x98, 0x88])
    }

    @Test("SHA1 and SHA256 of 123456789 match hashlib")
    func shaCheckValues() {
        #expect(
            ChunkSigner.hex(Checksum.digest(.sha1, of: Self.check))
                == "f7c3bc1d808e04732adf679965ccc34ca7ae3441")
        #expect(
            ChunkSigner.hex(Checksum.digest(.sha256, of: Self.check))
                == "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225")
    }

    struct Vector: Sendable, CustomStringConvertible {
        var name: String
        var input: [UInt8]
        var expected: [ChecksumAlgorithm: String]
        var description: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "empty", input: [],
            expected: [
                .crc32: "AAAAAA==", .crc32c: "AAAAAA==", .crc64nvme: "AAAAAAAAAAA=",
                .sha1: "2jmj7l5rSw0yVb/vlWAYkK/YBwk=", .sha256: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            ]),
        Vector(
            name: "123456789", input: check,
            expected: [
                .crc32: "y/Q5Jg==", .crc32c: "4waSgw==", .crc64nvme: "rosUhgp5mIg=",
                .sha1: "98O8HYCOBHMq32eZZczDTKeuNEE=", .sha256: "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
            ]),
        Vector(
            name: "hello world", input: AWSChunkedFixtures.bytes("hello world"),
            expected: [
                .crc32: "DUoRhQ==", .crc32c: "yZRlqg==", .crc64nvme: "jSnVw/bqjr4=",
                .sha1: "Kq5sNclPz7QV2+lfQIuc6R7oRu0=", .sha256: "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            ]),
        Vector(
            name: "100000-byte pattern", input: AWSChunkedFixtures.pattern(100_000),
            expected: [
                .crc32: "koWIAA==", .crc32c: "88shCw==", .crc64nvme: "DnZczS/QZoI=",
                .sha1: "NasAyW9Hwmiwh9QNDc1yRYCfDVw=", .sha256: "cxYgFhFV9o4SCfIrw0pya/Wlg/QKzyOuVWhLZ0/b6/I=",
            ]),
    ]

    @Test("base64 digests match python for every algorithm", arguments: vectors)
    func base64MatchesPython(vector: Vector) {
        for algorithm in ChecksumAlgorithm.allCases {
            var hasher = algorithm.makeHasher()
            hasher.update(vector.input)
            #expect(hasher.base64 == vector.expected[algorithm], "\(algorithm.name)")
        }
    }

    @Test("feeding bytes in uneven pieces gives the same digest as one update", arguments: ChecksumAlgorithm.allCases)
    func incrementalUpdatesMatchOneShot(algorithm: ChecksumAlgorithm) {
        let input = AWSChunkedFixtures.pattern(100_000)
        var generator = SeededGenerator(seed: 7)
        var hasher = Checksum(algorithm)
        var start = 0
        while start < input.count {
            let end = min(input.count, start + Int.random(in: 0...37, using: &generator))
            hasher.update(Array(input[start..<end]))
            start = end
        }
        #expect(hasher.finalize() == Checksum.digest(algorithm, of: input))
    }

    @Test("a copy taken mid-stream is a snapshot")
    func copiesAreSnapshots() {
        var hasher = Checksum(.sha256)
        hasher.update(AWSChunkedFixtures.bytes("hello"))
        let snapshot = hasher
        hasher.update(AWSChunkedFixtures.bytes(" world"))
        #expect(snapshot.base64 == Checksum(.sha256).updated(with: "hello").base64)
        #expect(hasher.base64 == "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")
    }
}

extension Checksum {
    fileprivate func updated(with text: String) -> Checksum {
        var copy = self
        copy.update(Array(text.utf8))
        return copy
    }
}

@Suite("ChecksumAlgorithm")
struct ChecksumAlgorithmTests {
    @Test("reads x-amz-sdk-checksum-algorithm values in any case")
    func parsesAlgorithmNames() {
        #expect(ChecksumAlgorithm(name: "CRC32") == .crc32)
        #expect(ChecksumAlgorithm(name: "crc32c") == .crc32c)
        #expect(ChecksumAlgorithm(name: "Crc64Nvme") == .crc64nvme)
        #expect(ChecksumAlgorithm(name: "SHA1") == .sha1)
        #expect(ChecksumAlgorithm(name: "sha256") == .sha256)
        #expect(ChecksumAlgorithm(name: "MD5") == nil)
        #expect(ChecksumAlgorithm(name: "CRC64") == nil)
    }

    @Test("reads and writes x-amz-checksum-* header names")
    func headerNames() {
        for algorithm in ChecksumAlgorithm.allCases {
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName) == algorithm)
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName.uppercased()) == algorithm)
        }
        #expect(ChecksumAlgorithm.crc64nvme.headerName == "x-amz-checksum-crc64nvme")
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-bad") == nil)
        #expect(ChecksumAlgorithm(headerName: "content-md5") == nil)
    }

    @Test("prints names as S3 does in its messages")
    func printedNames() {
        #expect(ChecksumAlgorithm.allCases.map(\.name) == ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"])
    }

    @Test("accepts only canonical base64 of the digest size")
    func validatesValues() {
        #expect(ChecksumAlgorithm.crc32.decodeValue("y/Q5Jg==") == [0xCB, 0xF4, 0x39, 0x26])
        #expect(ChecksumAlgorithm.crc32.decodeValue("rosUhgp5mIg=") == nil)  // 8 bytes, not 4
        #expect(ChecksumAlgorithm.crc32.decodeValue("not=base-64") == nil)
        #expect(ChecksumAlgorithm.crc32.decodeValue("y/Q5Jg") == nil)  // unpadded
        #expect(ChecksumAlgorithm.crc32.decodeValue("y/Q5Jh==") == nil)  // stray bits in the padding
        #expect(ChecksumAlgorithm.crc64nvme.decodeValue("invalid") == nil)
        #expect(ChecksumAlgorithm.sha256.decodeValue("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")?.count == 32)
    }
}
