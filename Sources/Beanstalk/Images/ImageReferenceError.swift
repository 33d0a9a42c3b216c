/// Why a string is not an image reference, in the words docker prints
/// (`github.com/distribution/reference`, `github.com/opencontainers/go-digest`).
public enum ImageReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidFormat
    case uppercaseRepository(remote: String)
    case nameContainsUppercase
    case hexIdentifier(String)
    case nameEmpty
    case nameTooLong
    case digestInvalidFormat
    case digestUnsupported
    case digestInvalidLength

    public var description: String { message }

    public var message: String {
        switch self {
        case .invalidFormat: "invalid reference format"
        case .uppercaseRepository(let remote): "invalid reference format: repository name (\(remote)) must be lowercase"
        case .nameContainsUppercase: "repository name must be lowercase"
        case .hexIdentifier(let value): "invalid repository name (\(value)), cannot specify 64-byte hexadecimal strings"
        case .nameEmpty: "repository name must have at least one component"
        case .nameTooLong: "repository name must not be more than 255 characters"
        case .digestInvalidFormat: "invalid checksum digest format"
        case .digestUnsupported: "unsupported digest algorithm"
        case .digestInvalidLength: "invalid checksum digest length"
        }
    }

    /// The older docker wording Beanstalk's documentation still shows, for an image name it
    /// cannot pull (EB developer guide, Docker troubleshooting):
    /// `Invalid repository name (), only [a-z0-9-_.] are allowed`.
    public static func legacyRepositoryMessage(repository: String) -> String {
        "Invalid repository name (\(repository)), only [a-z0-9-_.] are allowed"
    }

    /// The environment event for a Dockerrun.aws.json v1 `Image.Name` that is not a valid
    /// name, as the troubleshooting page quotes it for an empty name:
    /// `Failed to pull Docker image :latest: Invalid repository name (), only [a-z0-9-_.] are
    /// allowed. Tail the logs for more details.` The platform appends `:latest` when the name
    /// has no `:` (as the AL1 hook does), and the repository is the name without its tag.
    public static func pullEventMessage(imageName name: String) -> String {
        let image = name.contains(":") ? name : name + ":latest"
        let repository: String
        if let colon = name.lastIndex(of: ":"), !name[name.index(after: colon)...].contains("/") {
            repository = String(name[..<colon])
        } else {
            repository = name
        }
        return "Failed to pull Docker image \(image): \(legacyRepositoryMessage(repository: repository)). "
            + "Tail the logs for more details."
    }
}
