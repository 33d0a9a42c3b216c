import Foundation

/// The `.ebextensions` of a bundle: configuration files in alphabetical order, their option
/// settings, `commands` and `container_commands`.
///
/// Order (EB guide): files alphabetically by name; within a file, commands alphabetically by
/// name. `commands` run before the prebuild hooks; `container_commands` after the application
/// is staged, before the predeploy hooks, and not in configuration deployments.
public struct EBExtensions: Sendable, Equatable {
    public struct ConfigFile: Sendable, Equatable {
        /// Relative to the bundle.
        public let path: String
        public let optionSettings: [OptionSetting]
        public let commands: [EBCommand]
        public let containerCommands: [EBCommand]
        /// Other top-level keys (`packages`, `files`, `Resources`, …), which this emulation
        /// records but does not apply.
        public let otherKeys: [String]
    }

    /// Which folders are searched.
    public enum Discovery: Sendable {
        /// `.ebextensions/` at the bundle root, as documented.
        case bundleRoot
        /// Every folder named `.ebextensions`, at any depth. A public event names
        /// `__MACOSX/EB-Weather-App-master/.ebextensions/._nodecommand.config`, which suggests
        /// Beanstalk looks deeper than the root [I]; this mode reproduces that report.
        case anyDepth
    }

    public let files: [ConfigFile]

    public var optionSettings: [OptionSetting] { files.flatMap(\.optionSettings) }
    public var commands: [EBCommand] { files.flatMap(\.commands) }
    public var containerCommands: [EBCommand] { files.flatMap(\.containerCommands) }

    /// `aws:elasticbeanstalk:application:environment`, later files overriding earlier ones.
    /// Values are as written: dynamic references are not resolved here.
    public var environmentProperties: [String: String] { options(in: OptionSetting.environmentNamespace) }

    /// `aws:elasticbeanstalk:application:environmentsecrets`: property name → ARN as written.
    public var environmentSecrets: [String: String] { options(in: OptionSetting.environmentSecretsNamespace) }

    public func options(in namespace: String) -> [String: String] {
        var result: [String: String] = [:]
        for setting in optionSettings where setting.namespace == namespace {
            result[setting.optionName] = setting.value
        }
        return result
    }

    public static func load(
        from bundle: StagedBundle, versionLabel: String, discovery: Discovery = .bundleRoot
    ) throws(EBExtensionsError) -> EBExtensions {
        let candidates = bundle.files.filter { file in
            guard file.path.hasSuffix(".config") else { return false }
            if case .directory = file.kind { return false }
            let folder = BundlePath.parent(of: file.path)
            switch discovery {
            case .bundleRoot: return folder == ".ebextensions"
            case .anyDepth: return folder == ".ebextensions" || folder.hasSuffix("/.ebextensions")
            }
        }
        var files: [ConfigFile] = []
        for candidate in candidates.sorted(by: { $0.name == $1.name ? $0.path < $1.path : $0.name < $1.name }) {
            let data = (try? bundle.read(candidate.path)) ?? Data()
            files.append(
                try parse(String(decoding: data, as: UTF8.self), path: candidate.path, versionLabel: versionLabel))
        }
        return EBExtensions(files: files)
    }

    /// Parses one configuration file's text.
    public static func parse(_ text: String, path: String, versionLabel: String) throws(EBExtensionsError) -> ConfigFile
    {
        let value: ConfigValue
        do {
            value = try ConfigFileParser.parse(text)
        } catch {
            throw .invalidFile(path: path, versionLabel: versionLabel, yaml: error.yaml, json: error.json)
        }
        guard case .mapping(let pairs) = value else {
            if case .null = value {
                return ConfigFile(path: path, optionSettings: [], commands: [], containerCommands: [], otherKeys: [])
            }
            throw .invalidFile(
                path: path, versionLabel: versionLabel,
                yaml: "the file is not a mapping of sections", json: "the file is not a JSON object")
        }
        var settings: [OptionSetting] = []
        var commands: [EBCommand] = []
        var containerCommands: [EBCommand] = []
        var other: [String] = []
        for (key, section) in pairs {
            switch key {
            case "option_settings": settings = try OptionSetting.parse(section, file: path)
            case "commands": commands = try EBCommand.parse(section: key, section, file: path)
            case "container_commands": containerCommands = try EBCommand.parse(section: key, section, file: path)
            default: other.append(key)
            }
        }
        return ConfigFile(
            path: path, optionSettings: settings, commands: commands, containerCommands: containerCommands,
            otherKeys: other)
    }
}
