/// Why an `aws-chunked` body was rejected, one case per S3 error the real service returns for it.
///
/// The error-rendering layer reads `code`, `message`, `status` and `details` (extra XML elements,
/// in the order S3 prints them after `<Message>`); the associated values are for logs and tests.
public enum AWSChunkedError: Error, Equatable, Sendable {
    /// The framing is broken: bad hex size, missing CRLF, a line too long, a missing `chunk-signature`,
    /// no final zero-length chunk, or the body ended early. S3: 400 `IncompleteBody`.
    case incompleteBody

    /// The decoded bytes do not add up to `x-amz-decoded-content-length`. S3: 400 `IncompleteBody`
    /// with `NumberBytesExpected` / `NumberBytesProvided`.
    case decodedLengthMismatch(expected: Int64, provided: Int64)

    /// A chunk other than the last one was smaller than the minimum (8 KiB). S3 reports the number of
    /// the chunk *after* the short one and the short chunk's size: 403 `InvalidChunkSizeError`.
    case invalidChunkSize(chunk: Int, badChunkSize: Int64)

    /// A chunk signature (`AWS4-HMAC-SHA256-PAYLOAD`) or the trailer signature
    /// (`AWS4-HMAC-SHA256-TRAILER`) does not match. S3: 403 `SignatureDoesNotMatch`.
    case signatureDoesNotMatch(stringToSign: String, signatureProvided: String)

    /// The checksum trailer does not match the checksum of the decoded bytes. S3: 400 `BadDigest`.
    case badDigest(algorithm: ChecksumAlgorithm, expected: String, calculated: String)

    /// The checksum trailer's value is not base64 of the algorithm's digest size.
    /// S3: 400 `InvalidRequest` "Value for x-amz-checksum-crc32 trailing header is invalid."
    case invalidTrailingChecksum(ChecksumAlgorithm)

    /// Trailers do not match `x-amz-trailer`: one declared but missing, one sent but not declared, or a
    /// trailer line without a name. S3: 400 `MalformedTrailerError`.
    case malformedTrailer

    /// `x-amz-trailer` names something other than one `x-amz-checksum-*` header.
    /// S3: 400 `InvalidRequest` "The value specified in the x-amz-trailer header is not supported".
    case unsupportedTrailer

    /// `x-amz-trailer` names two checksum trailers. S3: 400 `InvalidRequest`.
    case multipleChecksumTrailers

    /// `x-amz-decoded-content-length` is missing or not a number. S3: 411 `MissingContentLength`.
    case missingDecodedContentLength

    /// The S3 error code.
    public var code: String {
        switch self {
        case .incompleteBody, .decodedLengthMismatch: "IncompleteBody"
        case .invalidChunkSize: "InvalidChunkSizeError"
        case .signatureDoesNotMatch: "SignatureDoesNotMatch"
        case .badDigest: "BadDigest"
        case .invalidTrailingChecksum, .unsupportedTrailer, .multipleChecksumTrailers: "InvalidRequest"
        case .malformedTrailer: "MalformedTrailerError"
        case .missingDecodedContentLength: "MissingContentLength"
        }
    }

    /// The S3 error message, worded as S3 words it.
    public var message: String {
        switch self {
        case .incompleteBody:
            "The request body terminated unexpectedly"
        case .decodedLengthMismatch:
            "You did not provide the number of bytes specified by the Content-Length HTTP header"
        case .invalidChunkSize:
            "Only the last chunk is allowed to have a size less than 8192 bytes"
        case .signatureDoesNotMatch:
            "The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method."
        case .badDigest(let algorithm, _, _):
            "The \(algorithm.name) you specified did not match the calculated checksum."
        case .invalidTrailingChecksum(let algorithm):
            "Value for \(algorithm.headerName) trailing header is invalid."
        case .malformedTrailer:
            "The request contained trailing data that was not well-formed or did not conform to our published schema."
        case .unsupportedTrailer:
            "The value specified in the x-amz-trailer header is not supported"
        case .multipleChecksumTrailers:
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."
        case .missingDecodedContentLength:
            "You must provide the Content-Length HTTP header."
        }
    }

    /// The HTTP status S3 answers with.
    public var status: Int {
        switch self {
        case .signatureDoesNotMatch, .invalidChunkSize: 403
        case .missingDecodedContentLength: 411
        case .incompleteBody, .decodedLengthMismatch, .badDigest, .invalidTrailingChecksum, .malformedTrailer,
            .unsupportedTrailer, .multipleChecksumTrailers:
            400
        }
    }

    /// Extra elements of S3's `<Error>` document, after `<Message>`, in S3's order. For a signature
    /// mismatch the renderer adds `AWSAccessKeyId`, `CanonicalRequest` and `CanonicalRequestBytes`,
    /// which belong to the request's Authorization, not to the body.
    public var details: [(name: String, value: String)] {
        switch self {
        case .decodedLengthMismatch(let expected, let provided):
            [("NumberBytesExpected", String(expected)), ("NumberBytesProvided", String(provided))]
        case .invalidChunkSize(let chunk, let badChunkSize):
            [("Chunk", String(chunk)), ("BadChunkSize", String(badChunkSize))]
        case .signatureDoesNotMatch(let stringToSign, let signatureProvided):
            [
                ("StringToSign", stringToSign),
                ("SignatureProvided", signatureProvided),
                ("StringToSignBytes", SigV4Error.spacedHex(stringToSign)),
            ]
        default:
            []
        }
    }
}
