/// One entry of `commands:` or `container_commands:` (EB guide, "Customizing software on Linux
/// servers"). Commands run in alphabetical order of their names, file by file.
public struct EBCommand: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        /// A string, run by the shell.
        case shell(String)
        /// An array, run without a shell.
        case arguments([String])
    }

    public let name: String
    public let command: Line
    public let cwd: String?
    public let env: [String: String]
    /// Runs the command only when this shell test exits 0.
    public let test: String?
    public let ignoreErrors: Bool
    /// `container_commands` only: run on one instance of the group.
    public let leaderOnly: Bool
    /// `commands` only (Windows).
    public let waitAfterCompletion: String?
    public let file: String

    static func parse(section: String, _ value: ConfigValue, file: String) throws(EBExtensionsError) -> [EBCommand] {
        guard case .mapping(let pairs) = value else {
            if case .null = value { return [] }
            throw .invalidCommand(
                file: file, section: section, name: nil, detail: "\(section) must be a mapping of names to commands")
        }
        var commands: [EBCommand] = []
        for (name, body) in pairs {
            let line: Line
            switch body["command"] {
            case .scalar(let text)?:
                line = .shell(text)
            case .sequence(let items)?:
                line = .arguments(items.compactMap(\.text))
            default:
                throw .invalidCommand(file: file, section: section, name: name, detail: "it has no command")
            }
            var env: [String: String] = [:]
            if case .mapping(let variables)? = body["env"] {
                for (key, value) in variables { env[key] = value.text ?? "" }
            }
            commands.append(
                EBCommand(
                    name: name,
                    command: line,
                    cwd: body["cwd"]?.scalar,
                    env: env,
                    test: body["test"]?.scalar,
                    ignoreErrors: body["ignoreErrors"]?.bool ?? false,
                    leaderOnly: section == "container_commands" ? (body["leader_only"]?.bool ?? false) : false,
                    waitAfterCompletion: section == "commands" ? body["waitAfterCompletion"]?.scalar : nil,
                    file: file
                ))
        }
        return commands.sorted { $0.name < $1.name }
    }
}
