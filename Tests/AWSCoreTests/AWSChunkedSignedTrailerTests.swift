import Testing

@testable import AWSCore

/// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`: AWS's documented trailer example, one trailer per
/// checksum algorithm (from the vector script, make_aws_chunked_vectors.py), and the trailer errors
/// S3 returns.
@Suite("aws-chunked, signed with trailer")
struct AWSChunkedSignedTrailerTests {
    static let a64k = [UInt8](repeating: 0x61, count: 65536)
    static let a1k = [UInt8](repeating: 0x61, count: 1024)

    /// AWS's trailer example body, with the documented signatures.
    static let exampleBody: [UInt8] =
        Array("10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n".utf8)
        + a64k + [13, 10]
        + Array("400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n".utf8)
        + a1k + [13, 10]
        + Array("0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n".utf8)
        + Array("x-amz-checksum-crc32c:sOO8/Q==\r\n".utf8)
        + Array("x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n".utf8)

    static func configuration(
        trailers: [String] = ["x-amz-checksum-crc32c"],
        length: Int64? = 66560,
        signer: ChunkSigner? = AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed)
    ) -> AWSChunkedDecoder.Configuration {
        AWSChunkedDecoder.Configuration(
            mode: .signedWithTrailer, signer: signer, declaredTrailers: trailers, decodedContentLength: length)
    }

    @Test(
        "decodes AWS's documented trailer example however the bytes arrive",
        arguments: [Feeding.whole, .byteAtATime, .randomSplits(seed: 3), .randomSplits(seed: 4)])
    func decodesDocumentedExample(feeding: Feeding) throws {
        let (payload, trailers) = try decodeBody(Self.exampleBody, Self.configuration(), feeding: feeding)
        #expect(payload == Self.a64k + Self.a1k)
        #expect(trailers.checksum == ChecksumValue(algorithm: .crc32c, base64: "sOO8/Q=="))
        #expect(trailers["X-Amz-Checksum-CRC32C"] == "sOO8/Q==")
        #expect(trailers.fields == ["x-amz-checksum-crc32c": "sOO8/Q=="])
        #expect(trailers.computedChecksums == [.crc32c: "sOO8/Q=="])
    }

    /// The body "the object data" with a trailer per algorithm, signed from the trailer example's seed.
    struct AlgorithmVector: Sendable, CustomStringConvertible {
        var algorithm: ChecksumAlgorithm
        var value: String
        var trailerSignature: String
        var description: String { algorithm.name }
    }

    static let perAlgorithm: [AlgorithmVector] = [
        AlgorithmVector(
            algorithm: .crc32, value: "z3mWAA==",
            trailerSignature: "457e50f4e34d25ca79f07762f4815f524d4548c116605daaa114fbd17c4427f3"),
        AlgorithmVector(
            algorithm: .crc32c, value: "rxvjPA==",
            trailerSignature: "511e9faed079b2c1c0e9b732984f4842310d3a7ffb7e4416e0b95ad5ab202f00"),
        AlgorithmVector(
            algorithm: .crc64nvme, value: "dYnI3/Fh0gM=",
            trailerSignature: "b0421c2ce0f051af2a2b0c624771c287f075cd89c2e052612bd43e0ea54cce6b"),
        AlgorithmVector(
            algorithm: .sha1, value: "8O8FwCfmd5fCbCBvH09mrKMVoHU=",
            trailerSignature: "44f16372fa684deee59970bd66b330c2ef97c605a8de5feb91da1605681d9324"),
        AlgorithmVector(
            algorithm: .sha256, value: "OoSow5X4zTIPl27MtdFdYT+9O3C367C75+Cb2MFtRBc=",
            trailerSignature: "9dad564065c9d1acfa1874de0bff181fbd51c903fd6ddf2d69e70fd1abf396cf"),
    ]

    static func smallBody(_ vector: AlgorithmVector, value: String? = nil) -> [UInt8] {
        Array(
            ("f;chunk-signature=06ecfad7ab7b0189ad75e009cb14653a8f68e8af0ef4e6bf85c8548ac04ee82a\r\nthe object data\r\n"
                + "0;chunk-signature=ce6239a4dd88d25f0cd2939c0853743d0cf37f23192cb10154d10cab0d8bf9a6\r\n"
                + "\(vector.algorithm.headerName):\(value ?? vector.value)\r\n"
                + "x-amz-trailer-signature:\(vector.trailerSignature)\r\n\r\n").utf8)
    }

    @Test("accepts a correct checksum trailer of each algorithm", arguments: perAlgorithm)
    func correctChecksumTrailer(vector: AlgorithmVector) throws {
        let configuration = Self.configuration(trailers: [vector.algorithm.headerName], length: 15)
        let (payload, trailers) = try decodeBody(Self.smallBody(vector), configuration, feeding: .byteAtATime)
        #expect(payload == Array("the object data".utf8))
        #expect(trailers.checksum == ChecksumValue(algorithm: vector.algorithm, base64: vector.value))
    }

    @Test("a wrong checksum of each algorithm is BadDigest naming the algorithm", arguments: perAlgorithm)
    func wrongChecksumTrailer(vector: AlgorithmVector) throws {
        // A well-formed value of the right size, for other data; signed correctly so only the digest is wrong.
        let wrong = Checksum.digest(vector.algorithm, of: Array("some random data".utf8))
        let wrongValue = Checksum(vector.algorithm).updated(with: "some random data").base64
        #expect(wrong.count == vector.algorithm.digestByteCount)
        var encoder = AWSChunkedTestEncoder(
            signer: AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed))
        let body = encoder.body([Array("the object data".utf8)], trailers: [(vector.algorithm.headerName, wrongValue)])
        let configuration = Self.configuration(trailers: [vector.algorithm.headerName], length: 15)
        let error = try #require(decodingError(body, configuration))
        #expect(error == .badDigest(algorithm: vector.algorithm, expected: wrongValue, calculated: vector.value))
        #expect(error.code == "BadDigest")
        #expect(error.status == 400)
        #expect(error.message == "The \(vector.algorithm.name) you specified did not match the calculated checksum.")
    }

    @Test("our encoder reproduces the python vectors byte for byte", arguments: perAlgorithm)
    func encoderMatchesVectors(vector: AlgorithmVector) {
        var encoder = AWSChunkedTestEncoder(
            signer: AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed))
        let body = encoder.body(
            [Array("the object data".utf8)], trailers: [(vector.algorithm.headerName, vector.value)])
        #expect(body == Self.smallBody(vector))
    }

    @Test("a tampered trailer signature is SignatureDoesNotMatch over the TRAILER string to sign")
    func wrongTrailerSignature() throws {
        var body = Self.exampleBody
        let index = body.count - 4 - 64
        body[index] = body[index] == UInt8(ascii: "d") ? UInt8(ascii: "e") : UInt8(ascii: "d")
        let error = try #require(decodingError(body, Self.configuration()))
        guard case .signatureDoesNotMatch(let stringToSign, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(stringToSign.hasPrefix("AWS4-HMAC-SHA256-TRAILER\n"))
        #expect(stringToSign.contains("2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"))
    }

    @Test("a trailer value changed after signing is SignatureDoesNotMatch")
    func trailerChangedAfterSigning() {
        let vector = Self.perAlgorithm[0]
        let body = Self.smallBody(vector, value: "AAAAAA==")
        let error = decodingError(body, Self.configuration(trailers: [vector.algorithm.headerName], length: 15))
        #expect(error?.code == "SignatureDoesNotMatch")
    }

    @Test("blanks around the trailer colon are tolerated and not signed")
    func blanksAroundTrailerColon() throws {
        let vector = Self.perAlgorithm[2]
        var body = Self.smallBody(vector)
        let line = Array("\(vector.algorithm.headerName):".utf8)
        let at = try #require(body.firstRange(of: line))
        body.replaceSubrange(at, with: Array("\(vector.algorithm.headerName) : ".utf8))
        let (_, trailers) = try decodeBody(
            body, Self.configuration(trailers: [vector.algorithm.headerName], length: 15))
        #expect(trailers.checksum?.base64 == vector.value)
    }

    @Test("a body without x-amz-trailer-signature is IncompleteBody")
    func missingTrailerSignature() {
        let body = Array(Self.exampleBody.prefix(Self.exampleBody.count - 92)) + [13, 10]
        #expect(String(decoding: body.suffix(12), as: UTF8.self) == "sOO8/Q==\r\n\r\n")
        #expect(decodingError(body, Self.configuration()) == .incompleteBody)
        #expect(decodingError(Array(body.dropLast(2)), Self.configuration()) == .incompleteBody)
    }

    @Test("a signed trailer block must end with the blank line")
    func missingClosingBlankLine() {
        #expect(decodingError(Array(Self.exampleBody.dropLast(2)), Self.configuration()) == .incompleteBody)
        #expect(decodingError(Array(Self.exampleBody.dropLast(1)), Self.configuration()) == .incompleteBody)
    }

    @Test("an empty trailer block is signed over a lone newline")
    func emptyTrailerBlock() throws {
        let body = Array(
            ("5;chunk-signature=3b647985a995dfa3292d9c897b8fffd556415a69107f3b42e6807c37b33be989\r\nhello\r\n"
                + "0;chunk-signature=cdd1e2a38047f88c75c657373bef0888ba48429bd66327e1ab1c510ebce59ce1\r\n"
                + "x-amz-trailer-signature:880de3b13ea549480176016c84794fb171f0b72abc318eb4c1ef550114f74212\r\n\r\n")
                .utf8)
        let (payload, trailers) = try decodeBody(body, Self.configuration(trailers: [], length: 5))
        #expect(payload == Array("hello".utf8))
        #expect(trailers.checksum == nil)
    }

    @Test("a declared trailer that is not sent is MalformedTrailerError")
    func declaredTrailerMissing() throws {
        var encoder = AWSChunkedTestEncoder(
            signer: AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed))
        let body = encoder.body([Array("hello".utf8)], trailers: [])
        let error = try #require(decodingError(body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 5)))
        #expect(error == .malformedTrailer)
        #expect(error.code == "MalformedTrailerError")
        #expect(error.status == 400)
        #expect(
            error.message
                == "The request contained trailing data that was not well-formed "
                + "or did not conform to our published schema."
        )
    }

    @Test(
        "a trailer that x-amz-trailer did not declare is MalformedTrailerError",
        arguments: [
            ([String](), "x-amz-checksum-crc32", "NhCmhg=="),
            (["x-amz-checksum-sha1"], "x-amz-checksum-crc32", "QWaN2w=="),
            (["x-amz-checksum-crc64nvme"], "x-amz-invalid", "invalid"),
        ])
    func undeclaredTrailer(declared: [String], name: String, value: String) {
        var encoder = AWSChunkedTestEncoder(
            signer: AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed))
        let body = encoder.body([Array("hello".utf8)], trailers: [(name, value)])
        #expect(decodingError(body, Self.configuration(trailers: declared, length: 5)) == .malformedTrailer)
    }

    @Test(
        "a checksum trailer that is not base64 of the right size is InvalidRequest",
        arguments: ChecksumAlgorithm.allCases)
    func invalidChecksumValue(algorithm: ChecksumAlgorithm) throws {
        var encoder = AWSChunkedTestEncoder(
            signer: AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed))
        let body = encoder.body([Array("dummy data".utf8)], trailers: [(algorithm.headerName, "invalid")])
        let error = try #require(decodingError(body, Self.configuration(trailers: [algorithm.headerName], length: 10)))
        #expect(error == .invalidTrailingChecksum(algorithm))
        #expect(error.code == "InvalidRequest")
        #expect(error.message == "Value for \(algorithm.headerName) trailing header is invalid.")
    }

    @Test("a trailer line without a colon is MalformedTrailerError")
    func trailerLineWithoutColon() {
        var encoder = AWSChunkedTestEncoder(signer: AWSChunkedFixtures.signer())
        let body = encoder.body([Array("hello".utf8)]).dropLast(2) + Array("garbage\r\n\r\n".utf8)
        var configuration = Self.configuration(length: 5, signer: nil)
        configuration.declaredTrailers = []
        #expect(decodingError(Array(body), configuration) == .malformedTrailer)
    }

    @Test("an endless trailer block is cut off at the trailer limit")
    func endlessTrailerBlock() throws {
        var decoder = try AWSChunkedDecoder(Self.configuration(length: 0, signer: nil))
        try decoder.decode(Array("0;chunk-signature=\(String(repeating: "0", count: 64))\r\n".utf8)) { _ in }
        let line = Array("x-amz-checksum-crc32c:sOO8/Q==\r\n".utf8)
        #expect(throws: AWSChunkedError.malformedTrailer) {
            for _ in 0..<10_000 { try decoder.decode(line) { _ in } }
        }
    }
}

extension Checksum {
    fileprivate func updated(with text: String) -> Checksum {
        var copy = self
        copy.update(Array(text.utf8))
        return copy
    }
}
