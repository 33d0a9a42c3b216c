import AWSCore

/// `encoding-type=url`: keys and prefixes in list answers are percent-encoded so that any byte
/// can travel in XML 1.0. Unreserved characters and `/` stay as they are.
enum ListEncoding {
    static func validate(_ value: String?) throws(S3Error) -> Bool {
        guard let value else { return false }
        guard value.lowercased() == "url" else {
            throw .invalidArgument(
                message: "Invalid Encoding Method specified in Request", name: "encoding-type", value: value)
        }
        return true
    }

    /// The same encoding as SigV4's, with `/` kept.
    static func encode(_ text: String, _ enabled: Bool) -> String {
        enabled ? URIEncoding.encode(text, keepSlash: true) : text
    }
}
