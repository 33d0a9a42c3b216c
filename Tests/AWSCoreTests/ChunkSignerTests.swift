import Testing

@testable import AWSCore

/// Known answers from AWS's documentation: "Example: PUT Object with 66560 bytes" (sigv4-streaming)
/// and its trailer variant (sigv4-streaming-trailers). The vector script (make_aws_chunked_vectors.py,
/// botocore 1.43.11) recomputes both, taking the seed signatures from botocore's S3SigV4Auth.
@Suite("ChunkSigner")
struct ChunkSignerTests {
    @Test("derives the documented signing key from the example secret")
    func derivesSigningKey() {
        let key = AWSChunkedFixtures.signingKey.withUnsafeBytes { ChunkSigner.hex($0) }
        #expect(key == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test("chains the documented chunk signatures from the seed")
    func chainsDocumentedChunkSignatures() {
        let signer = AWSChunkedFixtures.signer()
        let first = signer.chunkSignature(
            previousSignature: AWSChunkedFixtures.exampleSeed,
            chunkSHA256: AWSChunkedFixtures.sha256Hex([UInt8](repeating: 0x61, count: 65536)))
        let second = signer.chunkSignature(
            previousSignature: first,
            chunkSHA256: AWSChunkedFixtures.sha256Hex([UInt8](repeating: 0x61, count: 1024)))
        let final = signer.chunkSignature(previousSignature: second, chunkSHA256: ChunkSigner.emptySHA256)
        #expect(first == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
        #expect(second == "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497")
        #expect(final == "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
    }

    @Test("signs the documented CRC32C trailer over the canonical trailer line")
    func signsDocumentedTrailer() {
        let signer = AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed)
        let stringToSign = signer.trailerStringToSign(
            previousSignature: "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
            trailers: [("x-amz-checksum-crc32c", "sOO8/Q==")])
        #expect(
            stringToSign.hasPrefix("AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"))
        #expect(
            signer.signature(of: stringToSign) == "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435")
    }

    @Test("hashes an empty trailer block as a lone newline")
    func emptyTrailerBlockHashesNewline() {
        #expect(ChunkSigner.canonicalTrailers([]) == "\n")
        #expect(
            ChunkSigner.canonicalTrailers([("X-Amz-Checksum-CRC32", "AAAAAA==")]) == "x-amz-checksum-crc32:AAAAAA==\n")
    }
}
