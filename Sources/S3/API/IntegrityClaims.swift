import AWSCore

/// The members that speak for a payload's integrity, bound as sent: `ContentMD5`,
/// `ChecksumAlgorithm` (`x-amz-sdk-checksum-algorithm`), the `x-amz-checksum-*` values, and
/// the checksum trailers of an aws-chunked body. `IntegrityClaims` checks them when S3 does.
struct ChecksumMembers: Sendable {
    var ContentMD5: String?
    var ChecksumAlgorithm: String?
    /// Every `x-amz-checksum-*` field, in arrival order, named without the prefix.
    var checksumHeaders: [(name: String, value: String)]
    var trailers: [(name: String, value: String)]

    init(_ request: RESTRequest) {
        ContentMD5 = request.header("content-md5")
        ChecksumAlgorithm = request.header("x-amz-sdk-checksum-algorithm")
        checksumHeaders = request.headers(prefix: "x-amz-checksum-")
        trailers = request.trailers
    }
}

/// A document payload (`Policy`, `Tagging`, `Delete`, …) with the members that vouch for it;
/// read when the backend has checked the bucket and the caller, as S3 reads it.
struct DocumentPayload: Sendable {
    var checksums: ChecksumMembers
    var payload: StreamingPayload

    init(_ request: RESTRequest) {
        checksums = ChecksumMembers(request)
        payload = request.payload
    }
}

/// What a request claims about its body: `Content-MD5`, one `x-amz-checksum-*` header, or a
/// checksum trailer the router has already verified against the decoded bytes.
struct IntegrityClaims: Sendable {
    var contentMD5: String?
    var checksum: ChecksumValue?
    var trailerChecksum: ChecksumValue?

    var isEmpty: Bool { contentMD5 == nil && checksum == nil && trailerChecksum == nil }

    /// Names that start `x-amz-checksum-` but are not checksum values.
    static let notValues: Set<String> = ["algorithm", "type", "mode"]

    init(contentMD5: String? = nil, checksum: ChecksumValue? = nil, trailerChecksum: ChecksumValue? = nil) {
        self.contentMD5 = contentMD5
        self.checksum = checksum
        self.trailerChecksum = trailerChecksum
    }

    init(_ members: ChecksumMembers) throws(S3Error) {
        contentMD5 = members.ContentMD5
        var found: [ChecksumValue] = []
        for field in members.checksumHeaders where !Self.notValues.contains(field.name) {
            let name = "x-amz-checksum-" + field.name
            guard let algorithm = ChecksumAlgorithm(headerName: name) else { throw .notImplemented(header: name) }
            guard algorithm.decodeValue(field.value) != nil else { throw .invalidChecksumHeader(algorithm) }
            found.append(ChecksumValue(algorithm: algorithm, base64: field.value))
        }
        for trailer in members.trailers {
            guard let algorithm = ChecksumAlgorithm(headerName: trailer.name) else { continue }
            trailerChecksum = ChecksumValue(algorithm: algorithm, base64: trailer.value)
        }
        guard found.count + (trailerChecksum == nil ? 0 : 1) <= 1 else { throw .multipleChecksumHeaders }
        checksum = found.first
        if let declared = members.ChecksumAlgorithm {
            guard let algorithm = ChecksumAlgorithm(name: declared) else {
                throw .invalidRequest(message: "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
            guard let given = checksum?.algorithm ?? trailerChecksum?.algorithm else {
                throw .checksumAlgorithmWithoutValue
            }
            guard given == algorithm else {
                throw .invalidRequest(message: "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
        }
    }
}
