import Testing

@testable import AWSCore

#if canImport(Glibc)
    import Glibc
#endif

/// The decoder must stream: a large upload passes through without the body ever being held in memory.
@Suite("aws-chunked, streaming")
struct AWSChunkedStreamingTests {
    @Test("a body split in two at every offset decodes to the same payload and trailers")
    func everyTwoPieceSplit() throws {
        let signer = AWSChunkedFixtures.signer()
        var signedEncoder = AWSChunkedTestEncoder(signer: signer)
        var unsignedEncoder = AWSChunkedTestEncoder(signer: nil)
        let chunks = [AWSChunkedFixtures.pattern(40), AWSChunkedFixtures.pattern(7, from: 40)]
        var crc = Checksum(.crc32)
        crc.update(chunks[0] + chunks[1])
        let trailer = [(name: "x-amz-checksum-crc32", value: crc.base64)]
        var signedTrailerEncoder = AWSChunkedTestEncoder(signer: signer)
        let cases: [(AWSChunkedDecoder.Configuration, [UInt8])] = [
            (
                AWSChunkedDecoder.Configuration(
                    mode: .signed, signer: signer, decodedContentLength: 47, minimumChunkSize: 0),
                signedEncoder.body(chunks)
            ),
            (
                AWSChunkedDecoder.Configuration(
                    mode: .signedWithTrailer, signer: signer, declaredTrailers: ["x-amz-checksum-crc32"],
                    decodedContentLength: 47, minimumChunkSize: 0),
                signedTrailerEncoder.body(chunks, trailers: trailer)
            ),
            (
                AWSChunkedDecoder.Configuration(
                    mode: .unsignedWithTrailer, declaredTrailers: ["x-amz-checksum-crc32"], decodedContentLength: 47,
                    minimumChunkSize: 0),
                unsignedEncoder.body(chunks, trailers: trailer)
            ),
        ]
        for (configuration, body) in cases {
            let reference = try decodeBody(body, configuration)
            #expect(reference.payload == chunks[0] + chunks[1])
            for cut in 0...body.count {
                var decoder = try AWSChunkedDecoder(configuration)
                var payload: [UInt8] = []
                try decoder.decode(Array(body[..<cut])) { payload.append(contentsOf: $0) }
                try decoder.decode(Array(body[cut...])) { payload.append(contentsOf: $0) }
                #expect(payload == reference.payload, "\(configuration.mode) cut at \(cut)")
                #expect(try decoder.finish() == reference.trailers, "\(configuration.mode) cut at \(cut)")
            }
        }
    }

    /// Found by the aws-chunked fuzz target: the budget was checked after the line, so a bare LF
    /// past it was IncompleteBody when the body came in one piece and MalformedTrailerError when it
    /// came byte by byte.
    @Test("a trailer past the byte budget is MalformedTrailerError however the body is sliced")
    func trailerBudgetBeforeLineEnd() {
        let body = Array("5\r\nhello\r\n0\r\nx-amz-meta:\(String(repeating: "a", count: 70))\n".utf8)
        let configuration = AWSChunkedDecoder.Configuration(
            mode: .unsignedWithTrailer, minimumChunkSize: 0, maximumTrailerBytes: 64)
        for feeding in [Feeding.whole, .byteAtATime, .randomSplits(seed: 3)] {
            #expect(decodingError(body, configuration, feeding: feeding) == .malformedTrailer, "\(feeding)")
        }
    }

    @Test("decodes a 64 MiB signed upload fed in 64 KiB slices without accumulating it")
    func decodesLargeStreamInBoundedMemory() throws {
        let chunkSize = 64 * 1024
        let chunkCount = 1024  // 64 MiB of payload
        let signer = AWSChunkedFixtures.signer(seed: AWSChunkedFixtures.trailerExampleSeed)
        var configuration = AWSChunkedDecoder.Configuration(
            mode: .signedWithTrailer,
            signer: signer,
            declaredTrailers: ["x-amz-checksum-crc64nvme"],
            decodedContentLength: Int64(chunkSize * chunkCount),
            additionalChecksums: [.crc32c])
        configuration.minimumChunkSize = 8192
        var decoder = try AWSChunkedDecoder(configuration)
        var encoder = AWSChunkedTestEncoder(signer: signer)

        var block = AWSChunkedFixtures.pattern(chunkSize)
        var expected = CRC64NVME()
        var decodedCRC = CRC64NVME()
        var decodedCount = 0
        var largestBuffer = 0
        var pending: [UInt8] = []  // encoded bytes not yet handed over: at most one chunk plus a slice

        func feed(_ bytes: [UInt8], flush: Bool) throws {
            pending += bytes
            var start = 0
            while pending.count - start >= chunkSize || (flush && start < pending.count) {
                let end = min(pending.count, start + chunkSize)
                try pending[start..<end].withUnsafeBytes { slice in
                    try decoder.decode(slice) { payload in
                        decodedCRC.update(payload)
                        decodedCount += payload.count
                    }
                }
                largestBuffer = max(largestBuffer, decoder.bufferedByteCount)
                start = end
            }
            pending.removeFirst(start)
        }

        for index in 0..<chunkCount {
            withUnsafeBytes(of: UInt64(index).littleEndian) { block.replaceSubrange(0..<8, with: $0) }
            expected.update(block)
            try feed(encoder.chunk(block), flush: false)
        }
        let checksum = ChecksumValue(algorithm: .crc64nvme, base64: expected.base64)
        try feed(
            encoder.chunk([]) + encoder.trailerBlock([(checksum.algorithm.headerName, checksum.base64)]), flush: true)
        let trailers = try decoder.finish()

        #expect(decodedCount == chunkSize * chunkCount)
        #expect(decodedCRC.value == expected.value)
        #expect(trailers.checksum == checksum)
        #expect(trailers.computedChecksums[.crc32c] != nil)
        #expect(largestBuffer <= 8192, "the decoder held \(largestBuffer) bytes between calls")
    }
}
