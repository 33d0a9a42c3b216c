import Yams

/// The images a `docker-compose.yml` makes the platform pull: each service's `image`, and for
/// services with `build`, the `FROM` images of their Dockerfile (the service's `image` then
/// only names the result). Variables are interpolated as Compose does, from the environment
/// Beanstalk writes into `.env` (its environment properties).
public struct ComposeFile: Sendable, Equatable {
    public struct Service: Sendable, Equatable {
        public let name: String
        /// After interpolation.
        public let image: String?
        public let build: Build?
        public let platform: String?
    }

    public struct Build: Sendable, Equatable {
        /// Relative to the bundle root, `.` by default.
        public let context: String
        /// Relative to the context, `Dockerfile` by default.
        public let dockerfile: String
        public let arguments: [String: String]
    }

    /// Services sorted by name.
    public let services: [Service]
    /// Variables used but not set; Compose warns `The "X" variable is not set. Defaulting to a
    /// blank string.` for each.
    public let unsetVariables: [String]

    public static func parse(_ text: String, environment: [String: String] = [:]) throws(ComposeError) -> ComposeFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalidYAML(detail: "\(error)")
        }
        guard let mapping = root?.mapping else { throw .notAMapping }
        guard let servicesNode = mapping["services"] else { throw .noServices }
        guard let services = servicesNode.mapping else { throw .servicesNotAMapping }
        var expander = ArgumentExpander(variables: environment, dollarDollarEscapes: true)
        var result: [Service] = []
        for (key, value) in services {
            guard let name = key.string else { continue }
            let fields = value.mapping
            var image: String?
            if let raw = fields?["image"]?.string {
                do {
                    image = try expander.expand(raw)
                } catch {
                    if case .required(let variable, let message) = error {
                        throw .requiredVariable(name: variable, message: message)
                    }
                }
            }
            let build = fields?["build"].flatMap(parseBuild)
            if image == nil && build == nil { throw .noImageOrBuild(service: name) }
            result.append(Service(name: name, image: image, build: build, platform: fields?["platform"]?.string))
        }
        return ComposeFile(services: result.sorted { $0.name < $1.name }, unsetVariables: expander.unset)
    }

    private static func parseBuild(_ node: Node) -> Build? {
        if let context = node.string { return Build(context: context, dockerfile: "Dockerfile", arguments: [:]) }
        guard let fields = node.mapping else { return nil }
        var arguments: [String: String] = [:]
        if let args = fields["args"]?.mapping {
            for (key, value) in args {
                if let name = key.string { arguments[name] = value.string ?? "" }
            }
        } else if let args = fields["args"]?.sequence {
            for item in args {
                guard let text = item.string else { continue }
                let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                arguments[String(parts[0])] = parts.count == 2 ? String(parts[1]) : ""
            }
        }
        return Build(
            context: fields["context"]?.string ?? ".",
            dockerfile: fields["dockerfile"]?.string ?? "Dockerfile",
            arguments: arguments
        )
    }
}

/// Why Compose would refuse the file. `noImageOrBuild` and `requiredVariable` are compose-go's
/// texts; the others are worded after Compose's loader messages [I].
public enum ComposeError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidYAML(detail: String)
    case notAMapping
    case noServices
    case servicesNotAMapping
    case noImageOrBuild(service: String)
    case requiredVariable(name: String, message: String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .invalidYAML(let detail): "docker-compose.yml is not valid YAML: \(detail)"
        case .notAMapping: "Top-level object must be a mapping"
        case .noServices: "no service selected"
        case .servicesNotAMapping: "services must be a mapping"
        case .noImageOrBuild(let service):
            "service \"\(service)\" has neither an image nor a build context specified: invalid compose project"
        case .requiredVariable(let name, let message):
            "required variable \(name) is missing a value: \(message)"
        }
    }
}
