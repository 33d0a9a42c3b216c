import Crypto
import Foundation

/// The outcome of checking a request's signature.
public struct Authentication: Sendable {
    public var identity: CallerIdentity
    /// The region the request was signed for; nil for unsigned requests.
    public var region: String?
    public var signature: SigV4Signature?
    public var amzDate: String?
    /// Present when the signature was verified: aws-chunked bodies are then checked chunk by chunk.
    public var signingKey: SigningKey?

    public var isVerified: Bool { signingKey != nil }

    public init(
        identity: CallerIdentity, region: String? = nil, signature: SigV4Signature? = nil, amzDate: String? = nil,
        signingKey: SigningKey? = nil
    ) {
        self.identity = identity
        self.region = region
        self.signature = signature
        self.amzDate = amzDate
        self.signingKey = signingKey
    }
}
