import AWSCore
import HTTPServer

/// What a request claims about its body: `Content-MD5`, one `x-amz-checksum-*` header, or a
/// checksum trailer the router has already verified against the decoded bytes.
struct IntegrityClaims: Sendable {
    var contentMD5: String?
    var checksum: ChecksumValue?
    var trailerChecksum: ChecksumValue?

    var isEmpty: Bool { contentMD5 == nil && checksum == nil && trailerChecksum == nil }

    /// Names that start `x-amz-checksum-` but are not checksum values.
    static let notValues: Set<String> = ["x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode"]

    init(contentMD5: String? = nil, checksum: ChecksumValue? = nil, trailerChecksum: ChecksumValue? = nil) {
        self.contentMD5 = contentMD5
        self.checksum = checksum
        self.trailerChecksum = trailerChecksum
    }

    init(_ request: AWSRequest) throws(S3Error) {
        contentMD5 = request.header("content-md5")
        var found: [ChecksumValue] = []
        for field in request.http.headers.fields {
            let name = field.name.lowercased()
            guard name.hasPrefix("x-amz-checksum-"), !Self.notValues.contains(name) else { continue }
            guard let algorithm = ChecksumAlgorithm(headerName: name) else { throw .notImplemented(header: name) }
            guard algorithm.decodeValue(field.value) != nil else { throw .invalidChecksumHeader(algorithm) }
            found.append(ChecksumValue(algorithm: algorithm, base64: field.value))
        }
        for trailer in request.trailers {
            guard let algorithm = ChecksumAlgorithm(headerName: trailer.name) else { continue }
            trailerChecksum = ChecksumValue(algorithm: algorithm, base64: trailer.value)
        }
        guard found.count + (trailerChecksum == nil ? 0 : 1) <= 1 else { throw .multipleChecksumHeaders }
        checksum = found.first
        if let declared = request.header("x-amz-sdk-checksum-algorithm") {
            guard let algorithm = ChecksumAlgorithm(name: declared) else {
                throw .invalidRequest(message: "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
            guard let given = checksum?.algorithm ?? trailerChecksum?.algorithm else { throw .checksumAlgorithmWithoutValue }
            guard given == algorithm else {
                throw .invalidRequest(message: "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
        }
    }
}
