/// What KMS refuses, with KMS's own text; the calling service words it as it passes it on.
public enum KMSError: Error, Equatable, Sendable {
    /// `NotFoundException`: no key or alias of the scope answers to the `KeyId`.
    case notFound(String)

    public var message: String {
        switch self {
        case .notFound(let message): message
        }
    }
}
