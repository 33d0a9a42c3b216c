import Crypto

@testable import AWSCore

/// Shared fixtures for the aws-chunked tests: AWS's documented example credentials, a small encoder
/// that frames payloads the way SDKs do, and helpers that feed a body in different slicings.
enum AWSChunkedFixtures {
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20130524T000000Z"
    static let scope = "20130524/us-east-1/s3/aws4_request"
    static var signingKey: SymmetricKey {
        ChunkSigner.signingKey(secretAccessKey: secretAccessKey, date: "20130524", region: "us-east-1", service: "s3")
    }

    /// Seed signature of AWS's "PUT Object with 66560 bytes" example (STREAMING-AWS4-HMAC-SHA256-PAYLOAD).
    static let exampleSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
    /// Seed signature of AWS's trailer example (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, CRC32C trailer).
    static let trailerExampleSeed = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"

    static func signer(seed: String = exampleSeed) -> ChunkSigner {
        ChunkSigner(signingKey: signingKey, amzDate: amzDate, scope: scope, seedSignature: seed)
    }

    /// The byte pattern the python vector script also uses: byte i is (i * 31 + 7) mod 256.
    static func pattern(_ count: Int, from start: Int = 0) -> [UInt8] {
        (start..<(start + count)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        ChunkSigner.hex(SHA256.hash(data: bytes))
    }
}

/// Frames payload chunks as `aws-chunked`, signing them when given a signer, as SDKs do.
struct AWSChunkedTestEncoder {
    var signer: ChunkSigner?
    private var previous: String

    init(signer: ChunkSigner?) {
        self.signer = signer
        self.previous = signer?.seedSignature ?? ""
    }

    /// One data chunk (or the final chunk when `data` is empty) with its CRLFs.
    mutating func chunk(_ data: [UInt8]) -> [UInt8] {
        var out = Array(String(data.count, radix: 16).utf8)
        if let signer {
            previous = signer.chunkSignature(
                previousSignature: previous, chunkSHA256: AWSChunkedFixtures.sha256Hex(data))
            out += Array(";chunk-signature=\(previous)".utf8)
        }
        out += [13, 10] + data
        if !data.isEmpty { out += [13, 10] }
        return out
    }

    /// A whole body: data chunks, the final chunk, then either the closing CRLF (no trailers given)
    /// or the trailer block, signed when there is a signer.
    mutating func body(_ chunks: [[UInt8]], trailers: [(name: String, value: String)]? = nil) -> [UInt8] {
        var out = chunks.flatMap { chunk($0) } + chunk([])
        guard let trailers else { return out + [13, 10] }
        out += trailerBlock(trailers)
        return out
    }

    /// The trailer lines, the trailer signature when signing, and the closing blank line.
    mutating func trailerBlock(_ trailers: [(name: String, value: String)]) -> [UInt8] {
        var out = trailers.flatMap { Array("\($0.name):\($0.value)\r\n".utf8) }
        if let signer {
            let signature = signer.trailerSignature(previousSignature: previous, trailers: trailers)
            out += Array("x-amz-trailer-signature:\(signature)\r\n".utf8)
        }
        return out + [13, 10]
    }
}

/// SplitMix64: a tiny seeded generator so random splits are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How a test hands the body to the decoder.
enum Feeding: CustomStringConvertible, Sendable {
    case whole
    case byteAtATime
    case randomSplits(seed: UInt64)

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteAtATime: "one byte at a time"
        case .randomSplits(let seed): "random splits (seed \(seed))"
        }
    }

    /// The body cut into the slices this feeding hands over.
    func slices(of body: [UInt8]) -> [ArraySlice<UInt8>] {
        switch self {
        case .whole:
            return [body[...]]
        case .byteAtATime:
            return body.indices.map { body[$0..<($0 + 1)] }
        case .randomSplits(let seed):
            var generator = SeededGenerator(seed: seed)
            var slices: [ArraySlice<UInt8>] = []
            var start = 0
            while start < body.count {
                let length = Int.random(in: 0...min(97, body.count - start + 3), using: &generator)
                let end = min(body.count, start + length)
                slices.append(body[start..<end])  // zero-length slices included on purpose
                start = end
            }
            return slices
        }
    }
}

/// Decodes a whole body fed as `feeding` says, returning the payload and the trailers.
func decodeBody(
    _ body: [UInt8],
    _ configuration: AWSChunkedDecoder.Configuration,
    feeding: Feeding = .whole
) throws -> (payload: [UInt8], trailers: AWSChunkedTrailers) {
    var decoder = try AWSChunkedDecoder(configuration)
    var payload: [UInt8] = []
    for slice in feeding.slices(of: body) {
        try slice.withUnsafeBytes { bytes in
            try decoder.decode(bytes) { payload.append(contentsOf: $0) }
        }
    }
    return (payload, try decoder.finish())
}

/// The `AWSChunkedError` decoding `body` ends in, or nil when it decodes.
func decodingError(
    _ body: [UInt8],
    _ configuration: AWSChunkedDecoder.Configuration,
    feeding: Feeding = .whole
) -> AWSChunkedError? {
    do {
        _ = try decodeBody(body, configuration, feeding: feeding)
        return nil
    } catch let error as AWSChunkedError {
        return error
    } catch {
        return nil
    }
}
