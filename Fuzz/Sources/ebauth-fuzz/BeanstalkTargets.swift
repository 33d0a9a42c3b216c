import Beanstalk
import Foundation

/// `Dockerrun.aws.json` (v1, v2, v3) and the image names it carries.
enum DockerrunTarget {
    static func run(_ bytes: [UInt8]) {
        guard let dockerrun = try? Dockerrun.parse(Data(bytes)) else { return }
        if let name = dockerrun.image?.name { ImageNames.check(name) }
        for definition in dockerrun.containerDefinitions ?? [] {
            if let image = definition.image { ImageNames.check(image) }
        }
    }
}

/// `docker-compose.yml` with interpolation from an environment (Yams underneath).
enum ComposeTarget {
    static let environment = ["TAG": "1.0", "REGISTRY": "quay.io", "EMPTY": ""]

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let compose = try? ComposeFile.parse(text, environment: environment) else { return }
        FuzzCheck.require(compose.services.map(\.name) == compose.services.map(\.name).sorted(), "services not sorted")
        for service in compose.services {
            if let image = service.image { ImageNames.check(image) }
        }
    }
}

/// Dockerfiles in bundles and compose builds: the `FROM`/`COPY --from` images the platform pulls.
enum DockerfileTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let dockerfile = try? Dockerfile.parse(text, buildArguments: ["VERSION": "3"]) else { return }
        // Lines end in LF or CRLF (one Character in Swift, hence both separators).
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .count
        for pull in dockerfile.pulls {
            FuzzCheck.require(
                pull.line >= 1 && pull.line <= max(lineCount, 1), "pull on line \(pull.line) of \(lineCount)")
        }
    }
}

/// `.ebextensions/*.config` in YAML or JSON: option_settings, commands, container_commands.
enum EBExtensionsTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let file = try? EBExtensions.parse(text, path: ".ebextensions/fuzz.config", versionLabel: "v1") else {
            return
        }
        // Everything parsed is attributed to the file it came from (events name the file).
        FuzzCheck.require(file.optionSettings.allSatisfy { $0.file == file.path }, "setting from another file")
        FuzzCheck.require(
            (file.commands + file.containerCommands).allSatisfy { $0.file == file.path }, "command from another file")
    }
}

/// Docker auth files as Beanstalk gets them from S3: `config.json` / `.dockercfg` read the way
/// docker does, and the same bytes the way the ECS agent does; then credential look-ups.
enum DockerAuthTarget {
    static let registries = [
        "docker.io", "index.docker.io", "quay.io", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "localhost:5000",
    ]

    static func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        if let file = try? DockerAuthFile.parse(data) {
            for registry in registries { _ = file.credentials(forRegistry: registry) }
            for key in file.auths.keys { _ = DockerAuthFile.convertToHostname(key) }
        }
        let agent = ECSAgentAuth(dockercfg: data)
        for registry in registries { _ = agent.credentials(forImage: registry + "/app:latest") }
    }
}

enum ImageNames {
    /// The canonical form of an image name that parses is a fixed point: it parses to itself.
    /// Except with no domain: like Go's reference package, a first part that is no valid host
    /// (`a_b.example.com/x`) leaves the whole name as the path, and `/path` does not parse.
    static func check(_ name: String) {
        guard let reference = try? ImageReference.parse(name), !reference.domain.isEmpty else { return }
        let again = try? ImageReference.parse(reference.canonical)
        FuzzCheck.require(
            again?.canonical == reference.canonical, "image reference \(name) does not survive a round trip")
    }
}
