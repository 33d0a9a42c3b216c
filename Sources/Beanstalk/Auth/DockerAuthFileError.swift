/// Why an auth file downloaded for a deployment gives no credentials at all.
public enum DockerAuthFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The AL1 multicontainer hook's text for a file `jq` could not read.
    case notJSON
    /// docker's legacy loader: a non-JSON file with fewer than two lines.
    case emptyLegacyFile
    /// docker's legacy loader: a non-JSON file whose first line is not `auth = …`.
    case invalidLegacyFile
    /// docker's `decodeAuth`: the `auth` value is not base64.
    case invalidBase64(key: String, offset: Int)
    /// docker's `decodeAuth`: the decoded `auth` has no `:` or an empty user. The AL1 Docker
    /// platform surfaced it as `WARNING: Invalid auth configuration file`.
    case invalidAuth(key: String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .notJSON:
            "Authentication credentials are not in JSON format as expected. Please generate the credentials using 'docker login'."
        case .emptyLegacyFile:
            "The Auth config file is empty"
        case .invalidLegacyFile:
            "Invalid Auth config file"
        case .invalidBase64(_, let offset):
            "illegal base64 data at input byte \(offset)"
        case .invalidAuth:
            "Invalid auth configuration file"
        }
    }
}
