import AWSCore
import Crypto

/// The `aws-chunked` decoder in every framing, with and without signature checks, fed whole and in
/// slices. Invariants: never more payload than input, `decodedByteCount` agrees with the sink, and
/// slicing changes neither the payload nor the verdict.
enum AWSChunkedTarget {
    static let signer = ChunkSigner(
        signingKey: SymmetricKey(data: Array("fuzz-signing-key".utf8)), amzDate: "20250101T000000Z",
        scope: "20250101/us-east-1/s3/aws4_request", seedSignature: String(repeating: "0", count: 64))

    struct Outcome: Equatable {
        var payload: [UInt8] = []
        var error: String?
        var trailers: AWSChunkedTrailers?
    }

    static func configuration(_ selector: UInt8) -> AWSChunkedDecoder.Configuration {
        let modes: [AWSChunkedDecoder.Mode] = [.signed, .signedWithTrailer, .unsignedWithTrailer, .unsignedWithTrailer]
        return AWSChunkedDecoder.Configuration(
            mode: modes[Int(selector & 3)],
            signer: selector & 4 != 0 ? signer : nil,
            declaredTrailers: selector & 8 != 0 ? ["x-amz-checksum-crc32"] : [],
            decodedContentLength: selector & 16 != 0 ? 5 : nil,
            additionalChecksums: selector & 32 != 0 ? [.crc64nvme] : [],
            minimumChunkSize: selector & 64 != 0 ? 4 : 0,
            maximumLineLength: 256,
            maximumTrailerBytes: 1024)
    }

    static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        let configuration = configuration(input.selector)
        let whole = decode(input.body, configuration, slice: max(input.body.count, 1))
        let sliced = decode(input.body, configuration, slice: Int(input.selector >> 7) * 3 + 1)
        FuzzCheck.require(whole.payload.count <= input.body.count, "more payload than input")
        FuzzCheck.require(
            whole == sliced, "slicing changed the outcome: \(whole.error ?? "ok") vs \(sliced.error ?? "ok")")
        if let trailers = whole.trailers {
            FuzzCheck.require(trailers.decodedLength == Int64(whole.payload.count), "trailers report another length")
        }
    }

    static func decode(_ body: [UInt8], _ configuration: AWSChunkedDecoder.Configuration, slice: Int) -> Outcome {
        var outcome = Outcome()
        do {
            var decoder = try AWSChunkedDecoder(configuration)
            var offset = 0
            while offset < body.count {
                let end = min(offset + slice, body.count)
                try decoder.decode(Array(body[offset..<end])) { outcome.payload += $0 }
                FuzzCheck.require(
                    decoder.decodedByteCount == Int64(outcome.payload.count), "decodedByteCount disagrees with the sink"
                )
                offset = end
            }
            outcome.trailers = try decoder.finish()
            // A finished decoder stays finished: more bytes are ignored, finish() answers the same.
            try decoder.decode(Array("ffff\r\n".utf8)) { _ in FuzzCheck.require(false, "payload after the end") }
            let again = try decoder.finish()
            FuzzCheck.require(again == outcome.trailers, "finish() changed its answer")
        } catch {
            outcome.error = String(describing: error)
        }
        return outcome
    }
}
