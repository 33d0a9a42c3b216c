extension AWSChunkedDecoder {
    /// Which `aws-chunked` framing the body uses, as announced by `x-amz-content-sha256`.
    public enum Mode: Sendable, Equatable {
        /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: `hex;chunk-signature=sig` chunks, no trailers.
        case signed
        /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`: signed chunks, then trailers and
        /// `x-amz-trailer-signature`.
        case signedWithTrailer
        /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: bare `hex` chunks, then unsigned trailers. What boto3 ≥ 1.36
        /// sends for PutObject / UploadPart over HTTPS.
        case unsignedWithTrailer

        /// The mode for an `x-amz-content-sha256` value, or nil when the body is not `aws-chunked`.
        /// Case-sensitive, as S3 is.
        public init?(contentSHA256: String) {
            switch contentSHA256 {
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD": self = .signed
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER": self = .signedWithTrailer
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER": self = .unsignedWithTrailer
            default: return nil
            }
        }

        /// Whether chunk headers carry `;chunk-signature=`.
        var hasChunkSignatures: Bool { self != .unsignedWithTrailer }

        /// Whether a trailer block follows the final chunk.
        var hasTrailers: Bool { self != .signed }
    }

    /// Everything the decoder needs to know about the request, taken from its headers and auth.
    public struct Configuration: Sendable {
        public var mode: Mode
        /// Verifies chunk and trailer signatures when set; when nil they are parsed but not checked
        /// (for callers that authenticate some other way). Ignored in `.unsignedWithTrailer` mode.
        public var signer: ChunkSigner?
        /// Trailer names from `x-amz-trailer`, lower-cased; see `parseTrailerHeader(_:)`.
        public var declaredTrailers: [String]
        /// `x-amz-decoded-content-length`, checked against the decoded byte count when set.
        public var decodedContentLength: Int64?
        /// Extra checksums to compute over the decoded bytes besides the trailer's own (S3 stores a
        /// CRC64NVME for every new object); their values come back from `finish()`.
        public var additionalChecksums: Set<ChecksumAlgorithm>
        /// Every chunk but the last must carry at least this many bytes (S3: 8192); 0 turns the check off.
        public var minimumChunkSize: Int64
        /// Longest chunk-header or trailer line accepted, CRLF excluded; a longer one is malformed.
        public var maximumLineLength: Int
        /// Most trailer bytes accepted in all (guards memory against an endless trailer block).
        public var maximumTrailerBytes: Int

        public init(
            mode: Mode,
            signer: ChunkSigner? = nil,
            declaredTrailers: [String] = [],
            decodedContentLength: Int64? = nil,
            additionalChecksums: Set<ChecksumAlgorithm> = [],
            minimumChunkSize: Int64 = 8192,
            maximumLineLength: Int = 4096,
            maximumTrailerBytes: Int = 16 * 1024
        ) {
            self.mode = mode
            self.signer = signer
            self.declaredTrailers = declaredTrailers.map { $0.lowercased() }
            self.decodedContentLength = decodedContentLength
            self.additionalChecksums = additionalChecksums
            self.minimumChunkSize = minimumChunkSize
            self.maximumLineLength = maximumLineLength
            self.maximumTrailerBytes = maximumTrailerBytes
        }

        /// Parses an `x-amz-trailer` header value the way S3 does: comma-separated names, surrounding
        /// whitespace ignored, empty names at the end tolerated ("x-amz-checksum-crc32,,") but not before,
        /// between or blank ("x-amz-checksum-crc32, ,"); only one `x-amz-checksum-*` name is supported.
        public static func parseTrailerHeader(_ value: String) throws(AWSChunkedError) -> [String] {
            // Like Java's String.split(","): only elements empty before trimming are dropped from the end,
            // so "crc32,," passes but "crc32, ," does not (S3 answers exactly so).
            var names = trimmed(value).split(separator: ",", omittingEmptySubsequences: false)
            while let last = names.last, last.isEmpty { names.removeLast() }
            var checksumNames: [String] = []
            for name in names.map({ trimmed($0) }) {
                guard ChecksumAlgorithm(headerName: name) != nil else { throw .unsupportedTrailer }
                checksumNames.append(name.lowercased())
            }
            guard checksumNames.count <= 1 else { throw .multipleChecksumTrailers }
            return checksumNames
        }

        /// Parses `x-amz-decoded-content-length`, which S3 requires on every `aws-chunked` upload.
        public static func parseDecodedContentLength(_ value: String?) throws(AWSChunkedError) -> Int64 {
            guard let value, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let length = Int64(value)
            else { throw .missingDecodedContentLength }
            return length
        }

        /// Validates the configuration and returns the checksum algorithm the trailer will carry.
        func validatedTrailerChecksum() throws(AWSChunkedError) -> ChecksumAlgorithm? {
            var algorithm: ChecksumAlgorithm?
            for name in declaredTrailers {
                guard let declared = ChecksumAlgorithm(headerName: name) else { throw .unsupportedTrailer }
                guard algorithm == nil else { throw .multipleChecksumTrailers }
                algorithm = declared
            }
            if let decodedContentLength, decodedContentLength < 0 { throw .missingDecodedContentLength }
            return algorithm
        }

        private static func trimmed(_ text: some StringProtocol) -> String {
            String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
    }
}
