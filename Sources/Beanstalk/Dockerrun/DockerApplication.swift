import Foundation

/// What a Docker or ECS platform will run from a staged bundle, and which images it pulls for
/// that — worked out with the platform's rules, before any hook runs.
///
/// Docker platforms (EB developer guide, "Docker platform configuration"): a
/// `docker-compose.yml` makes a Compose app (Dockerrun.aws.json optional, version 3); otherwise
/// a `Dockerfile` is built (a v1 Dockerrun's `Image` is then ignored) or the v1 `Image.Name` is
/// pulled. ECS platforms need a v2 Dockerrun.aws.json.
public struct DockerApplication: Sendable, Equatable {
    public enum Definition: Sendable, Equatable {
        case dockerfile(Dockerfile)
        case image(ImageReference)
        case compose(ComposeFile)
        case ecsTask([Dockerrun.ContainerDefinition])
    }

    public struct Pull: Sendable, Equatable {
        public enum Origin: Sendable, Equatable {
            /// v1 `Image.Name`.
            case dockerrunImage
            /// `FROM` or `COPY --from` in a Dockerfile (path relative to the bundle).
            case dockerfile(path: String, line: Int)
            /// A Compose service's `image`.
            case composeService(String)
            /// A v2 container definition's `image`.
            case ecsContainer(String)
        }

        public let image: ImageReference
        public let origin: Origin
    }

    public let dockerrun: Dockerrun?
    public let definition: Definition
    /// Every image to pull, in the order the platform meets them (duplicates removed).
    public let pulls: [Pull]

    /// Where to download the S3 auth file from, if the Dockerrun names one.
    public var authentication: AuthenticationLocation? { dockerrun?.authentication }

    public static let dockerrunPath = "Dockerrun.aws.json"
    public static let dockerfilePath = "Dockerfile"
    public static let composePath = "docker-compose.yml"

    /// - Parameter environment: environment properties, which Beanstalk writes into `.env` for
    ///   Compose to interpolate. Dockerfiles get no build arguments from Beanstalk.
    public static func load(
        from bundle: StagedBundle, platform: Platform, environment: [String: String] = [:]
    ) throws(DockerApplicationError) -> DockerApplication {
        let dockerrun = try readDockerrun(bundle)
        if platform.branch.isECS {
            return try ecsApplication(dockerrun)
        }
        if isFile(bundle, composePath) {
            if let dockerrun, dockerrun.version != "3" {
                throw .dockerrun(.unsupportedVersion(found: dockerrun.version))
            }
            return try composeApplication(bundle, dockerrun: dockerrun, environment: environment)
        }
        let hasDockerfile = isFile(bundle, dockerfilePath)
        guard dockerrun != nil || hasDockerfile else { throw .dockerrun(.bothMissing) }
        if let dockerrun, dockerrun.version != "1" {
            throw .dockerrun(.unsupportedVersion(found: dockerrun.version))
        }
        if hasDockerfile {
            let dockerfile = try readDockerfile(bundle, path: dockerfilePath, arguments: [:])
            let pulls = dockerfile.pulls.map {
                Pull(image: $0.image, origin: .dockerfile(path: dockerfilePath, line: $0.line))
            }
            return DockerApplication(dockerrun: dockerrun, definition: .dockerfile(dockerfile), pulls: unique(pulls))
        }
        // No Dockerfile: the v1 Dockerrun must say what to run (EB CLI validate_dockerrun_v1).
        guard let dockerrun else { throw .dockerrun(.bothMissing) }
        guard let name = dockerrun.image?.name else { throw .dockerrun(.missingImage) }
        guard let ports = dockerrun.ports, let first = ports.first else { throw .dockerrun(.missingPorts) }
        guard first.containerPort != nil else { throw .dockerrun(.missingContainerPort) }
        let image: ImageReference
        do {
            image = try ImageReference.parse(name)
        } catch {
            throw .dockerrun(.invalidImageName(name: name))
        }
        return DockerApplication(
            dockerrun: dockerrun, definition: .image(image), pulls: [Pull(image: image, origin: .dockerrunImage)])
    }

    private static func ecsApplication(_ dockerrun: Dockerrun?) throws(DockerApplicationError) -> DockerApplication {
        guard let dockerrun else { throw .dockerrun(.ecsDockerrunMissing) }
        guard dockerrun.version == "2" else { throw .dockerrun(.ecsUnsupportedVersion(found: dockerrun.version)) }
        let containers = dockerrun.containerDefinitions ?? []
        if containers.isEmpty { throw .dockerrun(.ecsTaskDefinition(message: "Container list cannot be empty.")) }
        var pulls: [Pull] = []
        for container in containers {
            guard let name = container.name, !name.isEmpty else {
                throw .dockerrun(.ecsTaskDefinition(message: "Container.name should not be null or empty."))
            }
            guard let imageName = container.image, !imageName.isEmpty else {
                throw .dockerrun(.ecsTaskDefinition(message: "Container.image should not be null or empty."))
            }
            if (container.memory ?? 0) == 0 && (container.memoryReservation ?? 0) == 0 {
                throw .dockerrun(
                    .ecsTaskDefinition(
                        message:
                            "Invalid setting for container '\(name)'. At least one of 'memory' or 'memoryReservation' must be specified."
                    ))
            }
            guard let image = try? ImageReference.parse(imageName) else {
                throw .dockerrun(.ecsTaskDefinition(message: "Container.image contains invalid characters."))
            }
            pulls.append(Pull(image: image, origin: .ecsContainer(name)))
        }
        return DockerApplication(dockerrun: dockerrun, definition: .ecsTask(containers), pulls: unique(pulls))
    }

    private static func composeApplication(
        _ bundle: StagedBundle, dockerrun: Dockerrun?, environment: [String: String]
    ) throws(DockerApplicationError) -> DockerApplication {
        let compose: ComposeFile
        do {
            compose = try ComposeFile.parse(try text(bundle, composePath), environment: environment)
        } catch let error as ComposeError {
            throw .compose(error)
        } catch {
            throw .unreadable(path: composePath)
        }
        var pulls: [Pull] = []
        for service in compose.services {
            if let build = service.build {
                let path = joined(build.context, build.dockerfile)
                let dockerfile = try readDockerfile(bundle, path: path, arguments: build.arguments)
                pulls += dockerfile.pulls.map { Pull(image: $0.image, origin: .dockerfile(path: path, line: $0.line)) }
            } else if let name = service.image {
                do {
                    pulls.append(Pull(image: try ImageReference.parse(name), origin: .composeService(service.name)))
                } catch {
                    throw .invalidComposeImage(service: service.name, image: name, reason: error)
                }
            }
        }
        return DockerApplication(dockerrun: dockerrun, definition: .compose(compose), pulls: unique(pulls))
    }

    private static func readDockerrun(_ bundle: StagedBundle) throws(DockerApplicationError) -> Dockerrun? {
        guard isFile(bundle, dockerrunPath) else { return nil }
        guard let data = try? bundle.read(dockerrunPath) else { throw .unreadable(path: dockerrunPath) }
        do {
            return try Dockerrun.parse(data)
        } catch {
            throw .dockerrun(error)
        }
    }

    private static func readDockerfile(
        _ bundle: StagedBundle, path: String, arguments: [String: String]
    ) throws(DockerApplicationError) -> Dockerfile {
        guard isFile(bundle, path) else { throw .dockerfileMissing(path: path) }
        let source: String
        do {
            source = try text(bundle, path)
        } catch {
            throw .unreadable(path: path)
        }
        do {
            return try Dockerfile.parse(source, buildArguments: arguments)
        } catch {
            throw .dockerfile(path: path, error)
        }
    }

    private static func isFile(_ bundle: StagedBundle, _ path: String) -> Bool {
        switch bundle.file(path)?.kind {
        case .file, .symlink: true
        default: false
        }
    }

    private static func text(_ bundle: StagedBundle, _ path: String) throws -> String {
        String(decoding: try bundle.read(path), as: UTF8.self)
    }

    private static func joined(_ context: String, _ file: String) -> String {
        let parts = (context + "/" + file).split(separator: "/").filter { $0 != "." }
        return parts.joined(separator: "/")
    }

    private static func unique(_ pulls: [Pull]) -> [Pull] {
        var seen: Set<String> = []
        return pulls.filter { seen.insert($0.image.canonical).inserted }
    }
}

/// Why the platform cannot run a bundle: the Dockerrun rules, or a file they lead to.
public enum DockerApplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    case dockerrun(DockerrunError)
    case dockerfile(path: String, DockerfileError)
    case dockerfileMissing(path: String)
    case compose(ComposeError)
    case invalidComposeImage(service: String, image: String, reason: ImageReferenceError)
    case unreadable(path: String)

    public var description: String { message }

    /// The text for the event log. Build failures carry BuildKit's detail after the platform's
    /// event (`Instance deployment failed to build the Docker image. The deployment failed.`,
    /// a secondary source, EB-SPEC §A.3).
    public var message: String {
        switch self {
        case .dockerrun(let error): error.message
        case .dockerfile(let path, let error):
            "Instance deployment failed to build the Docker image. The deployment failed. (\(path): \(error.message))"
        case .dockerfileMissing(let path):
            "Instance deployment failed to build the Docker image. The deployment failed. "
                + "(failed to read dockerfile: open \(path): no such file or directory)"
        case .compose(let error): error.message
        case .invalidComposeImage(let service, let image, let reason):
            "service \"\(service)\": invalid image \"\(image)\": \(reason.message)"
        case .unreadable(let path): "\(path) could not be read."
        }
    }
}
