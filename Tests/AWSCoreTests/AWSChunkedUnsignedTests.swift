import Testing

@testable import AWSCore

/// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, as boto3 ≥ 1.36 sends PutObject / UploadPart over HTTPS.
/// Bodies are the exact bytes botocore 1.43.11 produced (the vector script, make_aws_chunked_vectors.py,
/// intercepts a real `put_object` at before-send); the leniencies and errors follow what S3 answered
/// in OpenStack Swift's s3api tests run against AWS (test/s3api/test_input_errors.py) and versitygw's
/// S3-parity tests.
@Suite("aws-chunked, unsigned with trailer")
struct AWSChunkedUnsignedTests {
    static let data = Array(String(repeating: "Hello, aws-chunked world!\n", count: 3).utf8)

    struct BotocoreVector: Sendable, CustomStringConvertible {
        var algorithm: ChecksumAlgorithm
        var value: String
        var description: String { algorithm.name }
        /// What botocore sends: one chunk, the final chunk, the checksum trailer, the blank line.
        var body: [UInt8] {
            Array("4e\r\n".utf8) + AWSChunkedUnsignedTests.data
                + Array("\r\n0\r\n\(algorithm.headerName):\(value)\r\n\r\n".utf8)
        }
    }

    static let botocore: [BotocoreVector] = [
        BotocoreVector(algorithm: .crc32, value: "RMgYLQ=="),
        BotocoreVector(algorithm: .crc32c, value: "w/G8rQ=="),
        BotocoreVector(algorithm: .crc64nvme, value: "1z1v0E+kXbY="),
        BotocoreVector(algorithm: .sha1, value: "1un+gb0eowZdJKNRNXzQd7yLOvw="),
        BotocoreVector(algorithm: .sha256, value: "/sL3FXV+F38WodIT+7gobOvm4J/uYGV81BCVOePWsUg="),
    ]

    /// The configuration botocore's headers ask for: `X-Amz-Trailer`, `X-Amz-Decoded-Content-Length`.
    static func configuration(trailers: [String], length: Int64?) -> AWSChunkedDecoder.Configuration {
        AWSChunkedDecoder.Configuration(
            mode: .unsignedWithTrailer, declaredTrailers: trailers, decodedContentLength: length)
    }

    @Test("decodes botocore's PutObject body for each checksum algorithm", arguments: botocore)
    func decodesBotocoreBody(vector: BotocoreVector) throws {
        #expect(vector.body.count == 4 + 78 + 2 + 3 + vector.algorithm.headerName.count + 1 + vector.value.count + 4)
        for feeding in [Feeding.whole, .byteAtATime, .randomSplits(seed: 11)] {
            let configuration = Self.configuration(trailers: [vector.algorithm.headerName], length: 78)
            let (payload, trailers) = try decodeBody(vector.body, configuration, feeding: feeding)
            #expect(payload == Self.data)
            #expect(trailers.checksum == ChecksumValue(algorithm: vector.algorithm, base64: vector.value))
        }
    }

    @Test("a wrong checksum of each algorithm is BadDigest", arguments: botocore)
    func wrongChecksum(vector: BotocoreVector) throws {
        var tampered = vector.body
        tampered[10] ^= 0x20  // flip the case of one payload letter
        let error = try #require(
            decodingError(tampered, Self.configuration(trailers: [vector.algorithm.headerName], length: 78)))
        #expect(error.code == "BadDigest")
        #expect(error.message == "The \(vector.algorithm.name) you specified did not match the calculated checksum.")
    }

    @Test("decodes botocore's 20000-byte body sent in 8 KiB chunks")
    func decodesMultiChunkBody() throws {
        let payload = AWSChunkedFixtures.pattern(20000)
        var encoder = AWSChunkedTestEncoder(signer: nil)
        let chunks = stride(from: 0, to: payload.count, by: 8192).map {
            Array(payload[$0..<min($0 + 8192, payload.count)])
        }
        let body = encoder.body(chunks, trailers: [("x-amz-checksum-crc64nvme", "+pxbubY8WAs=")])
        // The very bytes botocore sent (its SHA-256 and length, from the vector script).
        #expect(body.count == 20067)
        #expect(
            AWSChunkedFixtures.sha256Hex(body) == "eec21508ac69c6eaa081147a4ac25e8394364fb1017191dcfab40eecc4048c80")
        let configuration = Self.configuration(trailers: ["x-amz-checksum-crc64nvme"], length: 20000)
        let (decoded, trailers) = try decodeBody(body, configuration, feeding: .randomSplits(seed: 5))
        #expect(decoded == payload)
        #expect(trailers.checksum?.base64 == "+pxbubY8WAs=")
    }

    @Test("decodes botocore's empty-object body")
    func decodesEmptyBody() throws {
        let body = Array("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n".utf8)
        let (payload, trailers) = try decodeBody(
            body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 0))
        #expect(payload.isEmpty)
        #expect(trailers.checksum?.base64 == "AAAAAA==")
    }

    @Test("computes extra checksums over the decoded bytes when asked")
    func additionalChecksums() throws {
        var configuration = Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 78)
        configuration.additionalChecksums = [.crc64nvme, .crc32]
        let (_, trailers) = try decodeBody(Self.botocore[0].body, configuration)
        #expect(trailers.computedChecksums == [.crc32: "RMgYLQ==", .crc64nvme: "1z1v0E+kXbY="])
    }

    // MARK: What S3 tolerates

    static let hello = Array("5\r\nhello\r\n0\r\n".utf8)

    @Test(
        "S3 accepts these endings of the trailer block",
        arguments: [
            "x-amz-checksum-crc32:NhCmhg==\r\n\r\n",  // the standard
            "x-amz-checksum-crc32: NhCmhg==\r\n",  // blank after the colon, no closing blank line
            "x-amz-checksum-crc32 : NhCmhg== \r\n\r\n",
            "x-amz-checksum-crc32:NhCmhg==\r\n\r\n\r\n",  // extra blank lines
            "x-amz-checksum-crc32:NhCmhg==\r\n\r\n\u{7f}junk",  // junk after the closing blank line
            "x-amz-checksum-crc32:NhCmhg==\r\n\r\nbonus: trailer\r\n",
            "x-amz-checksum-crc32:AAAAAA==\r\nx-amz-checksum-crc32:NhCmhg==\r\n",  // the last value wins
            "X-Amz-Checksum-CRC32:NhCmhg==\r\n\r\n",
        ])
    func toleratedEndings(ending: String) throws {
        let body = Self.hello + Array(ending.utf8)
        let (payload, trailers) = try decodeBody(
            body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 5))
        #expect(payload == Array("hello".utf8))
        #expect(trailers.checksum?.base64 == "NhCmhg==")
    }

    @Test("without trailers the body may end right after the final chunk")
    func noTrailersNoClosingLine() throws {
        for ending in ["\r\n", ""] {
            let body = Self.hello + Array(ending.utf8)
            #expect(try decodeBody(body, Self.configuration(trailers: [], length: 5)).payload == Array("hello".utf8))
        }
    }

    // MARK: What S3 rejects

    @Test(
        "S3 rejects these trailer blocks as IncompleteBody",
        arguments: [
            "x-amz-checksum-crc32:NhCmhg==\n",  // LF without CR
            "x-amz-checksum-crc32:NhCmhg==\r",  // CR without LF
            "x-amz-checksum-crc32:NhCmhg==",  // no line end at all
            "\r",  // the closing line cut after its CR
        ])
    func rejectedEndings(ending: String) {
        let body = Self.hello + Array(ending.utf8)
        let declared = ending == "\r" ? [String]() : ["x-amz-checksum-crc32"]
        #expect(decodingError(body, Self.configuration(trailers: declared, length: 5)) == .incompleteBody)
    }

    @Test(
        "a trailer block that does not match x-amz-trailer is MalformedTrailerError",
        arguments: [
            (["x-amz-checksum-crc32"], "\r\n"),  // declared, not sent
            (["x-amz-checksum-crc32"], "\r\nx-amz-checksum-crc32:NhCmhg==\r\n"),  // blank line before it
            ([], "x-amz-checksum-crc32:NhCmhg==\r\n\r\n"),  // sent, not declared
            (["x-amz-checksum-crc32c"], "x-amz-checksum-crc32:NhCmhg==\r\n\r\n"),  // another algorithm
            (["x-amz-checksum-crc32"], "x-amz-checksum-crc32:NhCmhg==\r\nbonus: trailer\r\n\r\n"),  // an extra one
            (["x-amz-checksum-crc32"], ":NhCmhg==\r\n\r\n"),  // no name
            (["x-amz-checksum-crc32c"], "x-amz-checksum-bad:NhCmhg==\r\n\r\n"),
        ])
    func mismatchedTrailers(declared: [String], block: String) {
        let body = Self.hello + Array(block.utf8)
        #expect(decodingError(body, Self.configuration(trailers: declared, length: 5)) == .malformedTrailer)
    }

    @Test("a checksum trailer that is not valid base64 is InvalidRequest")
    func invalidChecksumValue() {
        let body = Self.hello + Array("x-amz-checksum-crc32: not=base-64\r\n".utf8)
        let error = decodingError(body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 5))
        #expect(error == .invalidTrailingChecksum(.crc32))
        #expect(error?.message == "Value for x-amz-checksum-crc32 trailing header is invalid.")
        #expect(error?.status == 400)
    }

    @Test("a duplicated trailer whose last value is wrong is BadDigest")
    func lastDuplicateWins() {
        let body = Self.hello + Array("x-amz-checksum-crc32:NhCmhg==\r\nx-amz-checksum-crc32:AAAAAA==\r\n".utf8)
        #expect(
            decodingError(body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 5))?.code == "BadDigest")
    }

    @Test(
        "broken framing is IncompleteBody",
        arguments: [
            "A\ndummy data\r\n0\r\n\r\n",
            "A\r\ndummy data0\r\n\r\n",
            "A\r\nXYZ\r\ndummy data\r\n0\r\n\r\n",
            "B\r\ndummy data\r\n0\r\n\r\n",
            "A\r\ndummy data\r\n",
            "A\r\n",
            "A\r\nA\r\ndummy data\r\n0\r\n\r\n",
            "invalid_chunk_size\r\ndummy data\r\n0\r\n\r\n",
            "A\r\ndummy data\r\nJ\r\n\r\n",
            "A;chunk-signature=0\r\ndummy data\r\n0\r\n\r\n",
            "",
        ])
    func brokenFraming(body: String) {
        #expect(decodingError(Array(body.utf8), Self.configuration(trailers: [], length: 10)) == .incompleteBody)
    }

    @Test("a body that is not aws-chunked at all is IncompleteBody")
    func notEncoded() {
        #expect(decodingError(Array("hello".utf8), Self.configuration(trailers: [], length: 5)) == .incompleteBody)
    }

    @Test("a zero-length chunk mid-stream ends the payload early: IncompleteBody with both counts")
    func zeroChunkMidStream() {
        let body = Array("4\r\nhell\r\n0\r\n\r\n1\r\no\r\n0\r\n\r\n".utf8)
        #expect(
            decodingError(body, Self.configuration(trailers: [], length: 5))
                == .decodedLengthMismatch(expected: 5, provided: 4))
    }

    @Test("more bytes than x-amz-decoded-content-length is IncompleteBody with both counts")
    func tooManyBytes() {
        let body = Array("a\r\nhellohello\r\n0\r\n\r\n".utf8)
        #expect(
            decodingError(body, Self.configuration(trailers: [], length: 5))
                == .decodedLengthMismatch(expected: 5, provided: 10))
    }

    @Test("without x-amz-decoded-content-length the length is not checked")
    func lengthUnchecked() throws {
        let (_, trailers) = try decodeBody(
            Array("a\r\nhellohello\r\n0\r\n".utf8), Self.configuration(trailers: [], length: nil))
        #expect(trailers.decodedLength == 10)
    }

    @Test("unsigned chunks before the last must also be at least 8 KiB")
    func smallUnsignedChunks() {
        let body = Array("5\r\nhello\r\n5\r\nhello\r\n0\r\n\r\n".utf8)
        #expect(
            decodingError(body, Self.configuration(trailers: [], length: 10))
                == .invalidChunkSize(chunk: 2, badChunkSize: 5))
    }

    @Test("an x-amz-trailer-signature line has no place in an unsigned body")
    func trailerSignatureInUnsignedBody() {
        let body = Self.hello + Array("x-amz-trailer-signature:\(String(repeating: "0", count: 64))\r\n\r\n".utf8)
        #expect(decodingError(body, Self.configuration(trailers: [], length: 5)) == .malformedTrailer)
    }

    @Test("a trailer line longer than the limit is MalformedTrailerError")
    func overlongTrailerLine() {
        let body = Self.hello + Array("x-amz-checksum-crc32:\(String(repeating: "A", count: 5000))\r\n\r\n".utf8)
        #expect(
            decodingError(body, Self.configuration(trailers: ["x-amz-checksum-crc32"], length: 5)) == .malformedTrailer)
    }
}
