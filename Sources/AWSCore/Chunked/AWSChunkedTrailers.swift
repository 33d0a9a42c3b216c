/// What a fully decoded `aws-chunked` body carried besides its payload: its trailers, the checksum
/// that was verified, and the checksums computed over the decoded bytes.
public struct AWSChunkedTrailers: Sendable, Equatable {
    /// Trailer fields as received (names lower-cased, values trimmed, the last of a repeated name wins),
    /// without `x-amz-trailer-signature`.
    public var fields: [String: String]
    /// The `x-amz-checksum-*` trailer, already checked against the decoded bytes.
    public var checksum: ChecksumValue?
    /// Number of payload bytes decoded.
    public var decodedLength: Int64
    /// Base64 checksums of the decoded bytes: the trailer's algorithm and every
    /// `Configuration.additionalChecksums` algorithm.
    public var computedChecksums: [ChecksumAlgorithm: String]

    public init(
        fields: [String: String] = [:],
        checksum: ChecksumValue? = nil,
        decodedLength: Int64 = 0,
        computedChecksums: [ChecksumAlgorithm: String] = [:]
    ) {
        self.fields = fields
        self.checksum = checksum
        self.decodedLength = decodedLength
        self.computedChecksums = computedChecksums
    }

    /// The value of a trailer, looked up without regard to case.
    public subscript(name: String) -> String? {
        fields[name.lowercased()]
    }
}
