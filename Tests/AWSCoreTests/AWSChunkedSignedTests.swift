import Testing

@testable import AWSCore

/// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: AWS's documented example and the ways S3 rejects a body.
/// Expected errors follow what S3 answered in OpenStack Swift's s3api tests run against AWS
/// (test/s3api/test_input_errors.py) and versitygw's S3-parity tests.
@Suite("aws-chunked, signed")
struct AWSChunkedSignedTests {
    static let a64k = [UInt8](repeating: 0x61, count: 65536)
    static let a1k = [UInt8](repeating: 0x61, count: 1024)

    /// AWS's example body, with the documented signatures.
    static let exampleBody: [UInt8] =
        Array("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n".utf8)
        + a64k + [13, 10]
        + Array("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n".utf8)
        + a1k + [13, 10]
        + Array("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n".utf8)

    static func configuration(signer: ChunkSigner? = AWSChunkedFixtures.signer(), length: Int64? = 66560)
        -> AWSChunkedDecoder.Configuration
    {
        AWSChunkedDecoder.Configuration(mode: .signed, signer: signer, decodedContentLength: length)
    }

    static let feedings: [Feeding] = [.whole, .byteAtATime, .randomSplits(seed: 1), .randomSplits(seed: 2)]

    @Test("decodes AWS's documented 66560-byte example however the bytes arrive", arguments: feedings)
    func decodesDocumentedExample(feeding: Feeding) throws {
        #expect(Self.exampleBody.count == 66824)  // the example's Content-Length
        let (payload, trailers) = try decodeBody(Self.exampleBody, Self.configuration(), feeding: feeding)
        #expect(payload == Self.a64k + Self.a1k)
        #expect(trailers.decodedLength == 66560)
        #expect(trailers.fields.isEmpty)
    }

    @Test("our encoder reproduces the documented body byte for byte")
    func encoderMatchesDocumentedBody() {
        var encoder = AWSChunkedTestEncoder(signer: AWSChunkedFixtures.signer())
        #expect(encoder.body([Self.a64k, Self.a1k]) == Self.exampleBody)
    }

    @Test("a tampered chunk signature is SignatureDoesNotMatch with the string to sign")
    func wrongChunkSignature() throws {
        var body = Self.exampleBody
        body[30] = body[30] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let error = try #require(decodingError(body, Self.configuration()))
        guard case .signatureDoesNotMatch(let stringToSign, let provided) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(
            stringToSign.hasPrefix("AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"))
        #expect(stringToSign.contains(AWSChunkedFixtures.exampleSeed))
        #expect(provided.count == 64)
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.status == 403)
        #expect(
            error.message
                == "The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method."
        )
        #expect(error.details.map(\.name) == ["StringToSign", "SignatureProvided", "StringToSignBytes"])
        #expect(error.details[2].value.hasPrefix("41 57 53 34 2d"))  // "AWS4-"
    }

    @Test("changed payload bytes break the chunk signature")
    func tamperedPayload() {
        var body = Self.exampleBody
        body[1000] = UInt8(ascii: "b")
        #expect(decodingError(body, Self.configuration())?.code == "SignatureDoesNotMatch")
    }

    @Test("a wrong seed signature fails the first chunk")
    func wrongSeed() {
        let signer = AWSChunkedFixtures.signer(seed: String(repeating: "0", count: 64))
        #expect(decodingError(Self.exampleBody, Self.configuration(signer: signer))?.code == "SignatureDoesNotMatch")
    }

    @Test("a wrong final-chunk signature is SignatureDoesNotMatch")
    func wrongFinalSignature() {
        var body = Self.exampleBody
        let finalSignatureStart = body.count - 4 - 64
        body[finalSignatureStart] =
            body[finalSignatureStart] == UInt8(ascii: "b") ? UInt8(ascii: "c") : UInt8(ascii: "b")
        #expect(decodingError(body, Self.configuration())?.code == "SignatureDoesNotMatch")
    }

    @Test("signatures are parsed but not checked without a signer")
    func noSignerSkipsVerification() throws {
        var body = Self.exampleBody
        body[30] = body[30] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let (payload, _) = try decodeBody(body, Self.configuration(signer: nil))
        #expect(payload.count == 66560)
    }

    static func signedChunks(
        _ sizes: [Int], header: (Int, String) -> String = { "\(String($0, radix: 16));chunk-signature=\($1)" }
    )
        -> [UInt8]
    {
        let signer = AWSChunkedFixtures.signer()
        var previous = AWSChunkedFixtures.exampleSeed
        var body: [UInt8] = []
        for size in sizes + [0] {
            let data = [UInt8](repeating: 0x78, count: size)
            previous = signer.chunkSignature(
                previousSignature: previous, chunkSHA256: AWSChunkedFixtures.sha256Hex(data))
            body += Array("\(header(size, previous))\r\n".utf8) + data + [13, 10]
        }
        return body
    }

    @Test("blanks around ';' and '=' are tolerated, as S3 does")
    func toleratesBlanksInChunkHeader() throws {
        let spaced = Self.signedChunks([100]) { "\(String($0, radix: 16)) ; chunk-signature = \($1) " }
        #expect(try decodeBody(spaced, Self.configuration(length: 100)).payload.count == 100)
    }

    @Test("upper-case hex sizes are accepted")
    func upperCaseHex() throws {
        let body = Self.signedChunks([0xABCD]) { "\(String($0, radix: 16, uppercase: true));chunk-signature=\($1)" }
        #expect(try decodeBody(body, Self.configuration(length: 0xABCD)).payload.count == 0xABCD)
    }

    @Test("a chunk header without a signature, or with an empty one, is IncompleteBody")
    func missingSignature() {
        let plain = Self.signedChunks([100]) { size, _ in String(size, radix: 16) }
        #expect(decodingError(plain, Self.configuration(length: 100)) == .incompleteBody)
        let blank = Self.signedChunks([100]) { size, _ in "\(String(size, radix: 16));chunk-signature=" }
        #expect(decodingError(blank, Self.configuration(length: 100)) == .incompleteBody)
    }

    @Test("a non-hex signature value is SignatureDoesNotMatch, as S3 answers")
    func invalidSignatureValue() {
        let body = Self.signedChunks([100]) { size, _ in "\(String(size, radix: 16));chunk-signature=invalid" }
        #expect(decodingError(body, Self.configuration(length: 100))?.code == "SignatureDoesNotMatch")
    }

    @Test("a parameter before chunk-signature is SignatureDoesNotMatch, one after it IncompleteBody")
    func extraChunkParameters() {
        let before = Self.signedChunks([100]) { "\(String($0, radix: 16));extra=param;chunk-signature=\($1)" }
        #expect(decodingError(before, Self.configuration(length: 100))?.code == "SignatureDoesNotMatch")
        let after = Self.signedChunks([100]) { "\(String($0, radix: 16));chunk-signature=\($1);extra=param" }
        #expect(decodingError(after, Self.configuration(length: 100)) == .incompleteBody)
    }

    @Test("a chunk before the last smaller than 8 KiB is InvalidChunkSizeError naming the next chunk")
    func tooSmallChunks() throws {
        let body = Self.signedChunks([1024, 4096, 3072])
        let error = try #require(decodingError(body, Self.configuration(length: 9 * 1024)))
        #expect(error == .invalidChunkSize(chunk: 2, badChunkSize: 1024))
        #expect(error.code == "InvalidChunkSizeError")
        #expect(error.message == "Only the last chunk is allowed to have a size less than 8192 bytes")
        #expect(error.status == 403)
        #expect(error.details.map(\.name) == ["Chunk", "BadChunkSize"])
        #expect(error.details.map(\.value) == ["2", "1024"])
    }

    @Test("ragged chunks of at least 8 KiB, then a short last one, are fine")
    func raggedChunksAreFine() throws {
        let body = Self.signedChunks([15 * 1024, 8 * 1024, 16 * 1024, 10])
        #expect(try decodeBody(body, Self.configuration(length: 39 * 1024 + 10)).payload.count == 39 * 1024 + 10)
    }

    @Test("the chunk-size minimum can be turned off")
    func minimumChunkSizeOff() throws {
        var configuration = Self.configuration(length: 9 * 1024)
        configuration.minimumChunkSize = 0
        #expect(try decodeBody(Self.signedChunks([1024, 4096, 4096]), configuration).payload.count == 9 * 1024)
    }

    @Test(
        "a body cut anywhere before its end is IncompleteBody",
        arguments: [0, 1, 50, 90, 91, 5000, 65626, 65627, 66700, 66820, 66822, 66823])
    func truncatedBody(length: Int) {
        let body = Array(Self.exampleBody.prefix(length))
        #expect(decodingError(body, Self.configuration()) == .incompleteBody)
    }

    @Test("a body without the final zero-length chunk is IncompleteBody")
    func missingFinalChunk() {
        let body = Array(Self.exampleBody.prefix(Self.exampleBody.count - 86))
        #expect(body.suffix(2) == [13, 10])
        #expect(decodingError(body, Self.configuration()) == .incompleteBody)
    }

    @Test("bad hex, a negative size or a size past Int64 is IncompleteBody")
    func badChunkSizes() {
        for header in ["zz", "-10000", "1x", "", "10000000000000000", "8000000000000000"] {
            let body = Array("\(header);chunk-signature=\(String(repeating: "0", count: 64))\r\n".utf8)
            #expect(decodingError(body, Self.configuration(signer: nil, length: nil)) == .incompleteBody, "\(header)")
        }
    }

    @Test("leading zeros in a size are only zeros")
    func leadingZeros() throws {
        let body = Self.signedChunks([100]) { "00000000000000000000\(String($0, radix: 16));chunk-signature=\($1)" }
        #expect(try decodeBody(body, Self.configuration(length: 100)).payload.count == 100)
    }

    @Test("data not followed by CRLF is IncompleteBody")
    func missingDataTerminator() {
        var body = Self.exampleBody
        body[88 + 65536] = UInt8(ascii: "x")
        #expect(decodingError(body, Self.configuration(signer: nil)) == .incompleteBody)
    }

    @Test("a chunk-size line longer than the limit is IncompleteBody without reading on")
    func overlongHeaderLine() throws {
        var decoder = try AWSChunkedDecoder(Self.configuration())
        let junk = [UInt8](repeating: UInt8(ascii: "0"), count: 5000)
        #expect(throws: AWSChunkedError.incompleteBody) {
            try decoder.decode(junk) { _ in }
        }
        #expect(decoder.bufferedByteCount <= 8192)
    }

    @Test("decoded bytes short of x-amz-decoded-content-length are IncompleteBody with both counts")
    func fewerBytesThanDeclared() throws {
        let error = try #require(decodingError(Self.exampleBody, Self.configuration(length: 70000)))
        #expect(error == .decodedLengthMismatch(expected: 70000, provided: 66560))
        #expect(error.code == "IncompleteBody")
        #expect(error.message == "You did not provide the number of bytes specified by the Content-Length HTTP header")
        #expect(error.status == 400)
        #expect(error.details.map(\.value) == ["70000", "66560"])
    }

    @Test("a chunk that runs past x-amz-decoded-content-length fails once it is in, counting all of it")
    func moreBytesThanDeclared() throws {
        var decoder = try AWSChunkedDecoder(Self.configuration(length: 100))
        var received = 0
        #expect(throws: AWSChunkedError.decodedLengthMismatch(expected: 100, provided: 65536)) {
            try decoder.decode(Self.exampleBody) { received += $0.count }
        }
        #expect(received == 65536)
    }

    @Test("after an error every call rethrows it")
    func errorsAreSticky() throws {
        var decoder = try AWSChunkedDecoder(Self.configuration())
        #expect(throws: AWSChunkedError.incompleteBody) { try decoder.decode(Array("zz;x=y\r\n".utf8)) { _ in } }
        #expect(throws: AWSChunkedError.incompleteBody) { try decoder.decode(Self.exampleBody) { _ in } }
        #expect(throws: AWSChunkedError.incompleteBody) { try decoder.finish() }
    }

    @Test("a sink error stops decoding and is rethrown")
    func sinkErrorsPropagate() throws {
        struct DiskFull: Error, Equatable {}
        var decoder = try AWSChunkedDecoder(Self.configuration())
        #expect(throws: DiskFull()) { try decoder.decode(Self.exampleBody) { _ in throw DiskFull() } }
        #expect(throws: DiskFull()) { try decoder.finish() }
    }

    @Test("declaring a trailer on a body that cannot carry one is MalformedTrailerError")
    func trailerDeclaredWithoutTrailerMode() {
        var configuration = Self.configuration()
        configuration.declaredTrailers = ["x-amz-checksum-crc32"]
        #expect(decodingError(Self.exampleBody, configuration) == .malformedTrailer)
    }
}
