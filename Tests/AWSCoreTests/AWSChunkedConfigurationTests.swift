import Testing

@testable import AWSCore

/// Reading the request headers that configure the decoder, and the S3 errors they map to. The
/// `x-amz-trailer` cases are the ones OpenStack Swift's s3api tests recorded from AWS.
@Suite("aws-chunked configuration")
struct AWSChunkedConfigurationTests {
    typealias Configuration = AWSChunkedDecoder.Configuration

    @Test("x-amz-content-sha256 picks the framing, case-sensitively")
    func modes() {
        #expect(AWSChunkedDecoder.Mode(contentSHA256: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") == .signed)
        #expect(
            AWSChunkedDecoder.Mode(contentSHA256: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") == .signedWithTrailer)
        #expect(AWSChunkedDecoder.Mode(contentSHA256: "STREAMING-UNSIGNED-PAYLOAD-TRAILER") == .unsignedWithTrailer)
        #expect(AWSChunkedDecoder.Mode(contentSHA256: "streaming-unsigned-payload-trailer") == nil)
        #expect(AWSChunkedDecoder.Mode(contentSHA256: "UNSIGNED-PAYLOAD") == nil)
        #expect(AWSChunkedDecoder.Mode(contentSHA256: ChunkSigner.emptySHA256) == nil)
    }

    @Test(
        "x-amz-trailer values S3 accepts",
        arguments: [
            ("x-amz-checksum-crc32", ["x-amz-checksum-crc32"]),
            ("x-amz-checksum-crc32,", ["x-amz-checksum-crc32"]),
            ("x-amz-checksum-crc32,,", ["x-amz-checksum-crc32"]),
            ("x-amz-checksum-crc32, ", ["x-amz-checksum-crc32"]),
            ("X-Amz-Checksum-CRC64NVME", ["x-amz-checksum-crc64nvme"]),
            ("", []),
        ])
    func acceptedTrailerHeaders(value: String, names: [String]) throws {
        #expect(try Configuration.parseTrailerHeader(value) == names)
    }

    @Test(
        "x-amz-trailer values S3 rejects as not supported",
        arguments: [
            ", x-amz-checksum-crc32, ,", ", x-amz-checksum-crc32", ",x-amz-checksum-crc32", "x-amz-checksum-crc32, ,",
            "x-amz-checksum-bad", "x-amz-content-sha256", "content-md5", "foo", "x-amz-checksum-crc32, x-amz-foo",
        ])
    func unsupportedTrailerHeaders(value: String) throws {
        let error = #expect(throws: AWSChunkedError.self) { try Configuration.parseTrailerHeader(value) }
        #expect(error == .unsupportedTrailer)
        #expect(error?.code == "InvalidRequest")
        #expect(error?.message == "The value specified in the x-amz-trailer header is not supported")
    }

    @Test("two checksum trailers are rejected")
    func multipleChecksumTrailers() {
        let error = #expect(throws: AWSChunkedError.self) {
            try Configuration.parseTrailerHeader("x-amz-checksum-crc32, x-amz-checksum-sha256")
        }
        #expect(error == .multipleChecksumTrailers)
        #expect(error?.message == "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
        #expect(throws: AWSChunkedError.multipleChecksumTrailers) {
            try AWSChunkedDecoder(
                Configuration(
                    mode: .unsignedWithTrailer, declaredTrailers: ["x-amz-checksum-crc32", "x-amz-checksum-crc32c"]))
        }
    }

    @Test("the decoder refuses a declared trailer it could not verify")
    func unsupportedDeclaredTrailer() {
        #expect(throws: AWSChunkedError.unsupportedTrailer) {
            try AWSChunkedDecoder(Configuration(mode: .unsignedWithTrailer, declaredTrailers: ["x-amz-meta-foo"]))
        }
    }

    @Test("x-amz-decoded-content-length must be a decimal number")
    func decodedContentLength() throws {
        #expect(try Configuration.parseDecodedContentLength("66560") == 66560)
        #expect(try Configuration.parseDecodedContentLength("0") == 0)
        for bad in [nil, "", "abc", "12x", "-1", "+5", " 5", "99999999999999999999"] as [String?] {
            #expect(throws: AWSChunkedError.missingDecodedContentLength) {
                try Configuration.parseDecodedContentLength(bad)
            }
        }
        #expect(AWSChunkedError.missingDecodedContentLength.status == 411)
        #expect(AWSChunkedError.missingDecodedContentLength.code == "MissingContentLength")
        #expect(
            AWSChunkedError.missingDecodedContentLength.message == "You must provide the Content-Length HTTP header.")
    }

    @Test("every error maps to S3's code and status")
    func errorCatalogue() {
        let table: [(AWSChunkedError, String, Int)] = [
            (.incompleteBody, "IncompleteBody", 400),
            (.decodedLengthMismatch(expected: 1, provided: 2), "IncompleteBody", 400),
            (.invalidChunkSize(chunk: 2, badChunkSize: 1), "InvalidChunkSizeError", 403),
            (.signatureDoesNotMatch(stringToSign: "", signatureProvided: ""), "SignatureDoesNotMatch", 403),
            (.badDigest(algorithm: .crc32, expected: "", calculated: ""), "BadDigest", 400),
            (.invalidTrailingChecksum(.sha1), "InvalidRequest", 400),
            (.malformedTrailer, "MalformedTrailerError", 400),
            (.unsupportedTrailer, "InvalidRequest", 400),
            (.multipleChecksumTrailers, "InvalidRequest", 400),
            (.missingDecodedContentLength, "MissingContentLength", 411),
        ]
        for (error, code, status) in table {
            #expect(error.code == code, "\(error)")
            #expect(error.status == status, "\(error)")
            #expect(!error.message.isEmpty)
        }
        #expect(AWSChunkedError.incompleteBody.message == "The request body terminated unexpectedly")
        #expect(
            AWSChunkedError.badDigest(algorithm: .crc64nvme, expected: "", calculated: "").message
                == "The CRC64NVME you specified did not match the calculated checksum.")
    }
}
