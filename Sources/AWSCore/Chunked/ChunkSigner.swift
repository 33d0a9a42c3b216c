import Crypto

/// The SigV4 context a signed `aws-chunked` body is verified against: the request's signing key, date
/// and scope, and the seed signature from its Authorization header, which the first chunk chains on.
///
/// Each chunk is signed over `AWS4-HMAC-SHA256-PAYLOAD`, the date, the scope, the previous signature,
/// the hash of the empty string and the hash of the chunk; the trailer over `AWS4-HMAC-SHA256-TRAILER`,
/// the date, the scope, the final chunk's signature and the hash of the canonical trailer lines.
///
/// `@unchecked Sendable` only because swift-crypto's `SymmetricKey` is not marked Sendable on Linux;
/// it is immutable once made.
public struct ChunkSigner: @unchecked Sendable {
    /// kSigning: HMAC chain of "AWS4"+secret over date, region, service and "aws4_request".
    public let signingKey: SymmetricKey
    /// `x-amz-date` of the request, e.g. "20130524T000000Z".
    public let amzDate: String
    /// Credential scope, e.g. "20130524/us-east-1/s3/aws4_request".
    public let scope: String
    /// The signature of the request's headers, which the first chunk signature chains on.
    public let seedSignature: String

    /// Hex SHA-256 of the empty string: the fixed fifth line of every chunk string-to-sign.
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public init(signingKey: SymmetricKey, amzDate: String, scope: String, seedSignature: String) {
        self.signingKey = signingKey
        self.amzDate = amzDate
        self.scope = scope
        self.seedSignature = seedSignature
    }

    /// Derives kSigning from a secret access key (for callers that have the secret, and for tests).
    public static func signingKey(secretAccessKey: String, date: String, region: String, service: String)
        -> SymmetricKey
    {
        SigningKeyCache.derive(secret: secretAccessKey, date: date, region: region, service: service).symmetricKey
    }

    /// The string to sign for one chunk, given the previous signature and the chunk's hex SHA-256.
    public func chunkStringToSign(previousSignature: String, chunkSHA256: String) -> String {
        "AWS4-HMAC-SHA256-PAYLOAD\n\(amzDate)\n\(scope)\n\(previousSignature)\n\(Self.emptySHA256)\n\(chunkSHA256)"
    }

    /// The string to sign for the trailer block, given the final chunk's signature and the trailer
    /// fields in the order they were sent.
    public func trailerStringToSign(previousSignature: String, trailers: [(name: String, value: String)]) -> String {
        let hash = Self.hex(SHA256.hash(data: Array(Self.canonicalTrailers(trailers).utf8)))
        return "AWS4-HMAC-SHA256-TRAILER\n\(amzDate)\n\(scope)\n\(previousSignature)\n\(hash)"
    }

    /// Lower-case hex HMAC-SHA256 of a string to sign with the signing key.
    public func signature(of stringToSign: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey))
    }

    /// The signature of the chunk whose hex SHA-256 is `chunkSHA256`.
    public func chunkSignature(previousSignature: String, chunkSHA256: String) -> String {
        signature(of: chunkStringToSign(previousSignature: previousSignature, chunkSHA256: chunkSHA256))
    }

    /// The `x-amz-trailer-signature` of a trailer block.
    public func trailerSignature(previousSignature: String, trailers: [(name: String, value: String)]) -> String {
        signature(of: trailerStringToSign(previousSignature: previousSignature, trailers: trailers))
    }

    /// The trailer lines as they are hashed: "name:value\n" each, names lower-cased, values trimmed;
    /// a block with no trailer hashes as a lone "\n".
    static func canonicalTrailers(_ trailers: [(name: String, value: String)]) -> String {
        if trailers.isEmpty { return "\n" }
        return trailers.map { "\($0.name.lowercased()):\($0.value)\n" }.joined()
    }

    /// Lower-case hex of bytes.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        Hex.encode(bytes)
    }

    /// Compares two signatures in time independent of where they first differ.
    static func signaturesMatch(_ computed: String, _ provided: String) -> Bool {
        constantTimeEquals(computed, provided)
    }
}
