/// Why Beanstalk rejects a bundle's configuration files.
///
/// `invalidFile` is Beanstalk's event, verbatim in shape from a public report
/// (`The configuration file __MACOSX/…/._nodecommand.config in application version … contains
/// invalid YAML or JSON. YAML exception: Invalid Yaml: …, JSON exception: Invalid JSON: ….
/// Update the configuration file.`); the two details come from our parsers, not Beanstalk's
/// Java ones, so only their wording differs. `invalidOptionSettings` opens with the event the
/// EB guide's users report (`"option_settings" in one of the configuration files failed
/// validation. More details to follow.`); the detail after it is ours [U].
public enum EBExtensionsError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidFile(path: String, versionLabel: String, yaml: String, json: String)
    case invalidOptionSettings(file: String, detail: String)
    case invalidCommand(file: String, section: String, name: String?, detail: String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .invalidFile(let path, let label, let yaml, let json):
            "The configuration file \(path) in application version \(label) contains invalid YAML or JSON. "
                + "YAML exception: Invalid Yaml: \(yaml), JSON exception: Invalid JSON: \(json). Update the configuration file."
        case .invalidOptionSettings(let file, let detail):
            "\"option_settings\" in one of the configuration files failed validation. More details to follow. "
                + "(\(file): \(detail))"
        case .invalidCommand(let file, let section, let name, let detail):
            "Error processing \(section)\(name.map { " '\($0)'" } ?? "") in \(file): \(detail)"
        }
    }
}
