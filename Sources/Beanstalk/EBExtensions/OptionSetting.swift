/// One option setting from a configuration file.
public struct OptionSetting: Sendable, Equatable {
    public let namespace: String
    public let optionName: String
    /// As written; null is "". May hold `{{resolve:…}}` dynamic references.
    public let value: String
    /// `resource_name` (list form only; used for Auto Scaling group options).
    public let resourceName: String?
    /// The configuration file it came from, relative to the bundle.
    public let file: String

    public init(namespace: String, optionName: String, value: String, resourceName: String? = nil, file: String) {
        self.namespace = namespace
        self.optionName = optionName
        self.value = value
        self.resourceName = resourceName
        self.file = file
    }

    /// Environment properties.
    public static let environmentNamespace = "aws:elasticbeanstalk:application:environment"
    /// Environment secrets (platforms released on or after 2025-03-26): values are ARNs of
    /// Secrets Manager secrets or SSM parameters.
    public static let environmentSecretsNamespace = "aws:elasticbeanstalk:application:environmentsecrets"

    /// Both forms the EB guide documents (`ebextensions-optionsettings.md`):
    /// - standard: a list of `{namespace, option_name, value}`, `namespace` defaulting to
    ///   `aws:elasticbeanstalk:application:environment`;
    /// - shorthand: a map of namespace → {option name: value}.
    static func parse(_ value: ConfigValue, file: String) throws(EBExtensionsError) -> [OptionSetting] {
        switch value {
        case .null:
            return []
        case .sequence(let items):
            return try items.enumerated().map { (index, item) throws(EBExtensionsError) in
                guard case .mapping = item else {
                    throw .invalidOptionSettings(file: file, detail: "entry \(index + 1) is not a mapping")
                }
                guard let name = item["option_name"]?.scalar, !name.isEmpty else {
                    throw .invalidOptionSettings(file: file, detail: "entry \(index + 1) has no option_name")
                }
                guard let text = (item["value"] ?? .null).text else {
                    throw .invalidOptionSettings(file: file, detail: "the value of \(name) is not a single value")
                }
                return OptionSetting(
                    namespace: item["namespace"]?.scalar ?? environmentNamespace,
                    optionName: name,
                    value: text,
                    resourceName: item["resource_name"]?.scalar,
                    file: file
                )
            }
        case .mapping(let namespaces):
            var settings: [OptionSetting] = []
            for (namespace, options) in namespaces {
                guard case .mapping(let pairs) = options else {
                    if case .null = options { continue }
                    throw .invalidOptionSettings(file: file, detail: "the options of \(namespace) are not a mapping")
                }
                for (name, option) in pairs {
                    guard let text = option.text else {
                        throw .invalidOptionSettings(file: file, detail: "the value of \(name) is not a single value")
                    }
                    settings.append(OptionSetting(namespace: namespace, optionName: name, value: text, file: file))
                }
            }
            return settings
        case .scalar:
            throw .invalidOptionSettings(file: file, detail: "option_settings must be a list or a mapping")
        }
    }
}
