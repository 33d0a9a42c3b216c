/// A request's SigV4 signature, from the Authorization header or from presigned query
/// parameters; both carry the same four facts.
public struct SigV4Signature: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case header
        /// Presigned URL, valid for `expires` seconds from the signing time.
        case query(expires: Int)
    }

    public var credential: SigV4Credential
    public var signedHeaders: [String]
    public var signature: String
    public var location: Location

    public static let algorithm = "AWS4-HMAC-SHA256"
}
