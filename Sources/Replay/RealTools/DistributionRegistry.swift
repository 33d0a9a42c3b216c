import Beanstalk
import Foundation
import Registry

/// A real CNCF distribution registry (Debian's `docker-registry`) standing in for one of a
/// scenario's third-party registries: a generated config on a free loopback port, an htpasswd
/// file with the scenario's users (bcrypt, as `htpasswd -B` writes it), the scenario's images
/// pushed into it the way `docker push` does. Run as a process or as a container.
final class DistributionRegistry: @unchecked Sendable {
    let spec: Scenario.RegistrySpec
    let directory: String
    let port: Int
    let how: String
    /// Kept with the replay's running children until the scenario stops it, so an interrupt
    /// stops it too.
    private let child: RunningChildren.Child?

    /// Bearer (Docker Hub style) registries need a token service the distribution registry
    /// does not ship, so they stay emulated.
    static func canStandIn(for spec: Scenario.RegistrySpec) -> Bool {
        spec.auth != .bearer && spec.host != "docker.io"
    }

    static func configuration(port: Int, directory: String, auth: Bool) -> String {
        var text = """
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(directory)/data
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:\(port)
            """
        if auth {
            text += """

                auth:
                  htpasswd:
                    realm: Registry Realm
                    path: \(directory)/htpasswd
                """
        }
        return text + "\n"
    }

    private init(
        spec: Scenario.RegistrySpec, directory: String, port: Int, how: String, stop: @escaping @Sendable () -> Void
    ) {
        self.spec = spec
        self.directory = directory
        self.port = port
        self.how = how
        child = RunningChildren.shared.add(how, stop: stop)
    }

    func stop() { RunningChildren.shared.stop(child) }

    /// Writes config.yml and htpasswd for the registry into `directory`.
    static func prepare(_ spec: Scenario.RegistrySpec, directory: String, port: Int) throws {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let auth = spec.auth == .basic
        try configuration(port: port, directory: directory, auth: auth).write(
            toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        if auth {
            var lines = ""
            for user in spec.users { lines += "\(user.user):\(try Htpasswd.hash(user.password))\n" }
            try lines.write(toFile: directory + "/htpasswd", atomically: true, encoding: .utf8)
        }
    }

    /// `docker-registry serve config.yml` as a child process.
    static func startProcess(_ spec: Scenario.RegistrySpec, directory: String) throws -> DistributionRegistry {
        guard let binary = Subprocess.locate("docker-registry") ?? Subprocess.locate("registry") else {
            throw Subprocess.LaunchError(
                description: "needs docker-registry (Debian package docker-registry) for --registry process")
        }
        var lastError = ""
        for _ in 0..<3 {
            let port = try Subprocess.freeLoopbackPort()
            try prepare(spec, directory: directory, port: port)
            let log = ChildProcess.appendFile(directory + "/registry.log"), null = ChildProcess.devNull(write: false)
            defer { for fd in [log, null] where fd >= 0 { close(fd) } }
            let process = try ChildProcess.spawn(
                binary, ["serve", directory + "/config.yml"], environment: ProcessInfo.processInfo.environment,
                stdin: null, stdout: log,
                stderr: log)
            let registry = DistributionRegistry(
                spec: spec, directory: directory, port: port,
                how: "distribution registry process (\(binary)) on 127.0.0.1:\(port)"
            ) {
                process.stop(grace: 5)
            }
            if waitUntilAnswering(port: port, alive: { process.isRunning }) { return registry }
            registry.stop()
            lastError = (try? String(contentsOfFile: directory + "/registry.log", encoding: .utf8)) ?? ""
        }
        throw Subprocess.LaunchError(description: "docker-registry did not start: \(lastError.suffix(500))")
    }

    /// The same registry as a container (`--network host`) through a Docker engine.
    static func startContainer(_ spec: Scenario.RegistrySpec, directory: String, engine: DockerEngine) throws
        -> DistributionRegistry
    {
        let image = try engine.registryImage()
        var lastError = ""
        for _ in 0..<3 {
            let port = try Subprocess.freeLoopbackPort()
            try prepare(spec, directory: directory, port: port)
            let name = "ebauth-registry-\(UUID().uuidString.prefix(8).lowercased())"
            let started = try engine.docker([
                "run", "-d", "--network", "host", "--name", name, "-v", "\(directory):\(directory)", image,
                "serve", directory + "/config.yml",
            ])
            guard started.succeeded else {
                lastError = started.stderr
                continue
            }
            // Registered once it exists: after an interrupt, that removes it at once.
            let registry = DistributionRegistry(
                spec: spec, directory: directory, port: port,
                how: "distribution registry container \(name) (\(image)) on 127.0.0.1:\(port)"
            ) {
                _ = try? engine.docker(["rm", "-f", name])
            }
            if waitUntilAnswering(
                port: port,
                alive: {
                    (try? engine.docker(["inspect", "-f", "{{.State.Running}}", name]).stdout.hasPrefix("true"))
                        ?? false
                })
            {
                return registry
            }
            let logs = try? engine.docker(["logs", name])
            lastError = (logs?.stdout ?? "") + (logs?.stderr ?? "")
            registry.stop()
        }
        throw Subprocess.LaunchError(description: "the registry container did not start: \(lastError.suffix(500))")
    }

    /// Polls GET /v2/ (any HTTP answer counts) for up to ten seconds.
    static func waitUntilAnswering(port: Int, alive: () -> Bool) -> Bool {
        let client = LocalHTTPClient(port: port)
        for _ in 0..<200 {
            if (try? client.send("GET", "/v2/", host: "127.0.0.1:\(port)")) != nil { return true }
            if !alive() { return false }
            usleep(50_000)
        }
        return false
    }

    /// Pushes the scenario's images as `docker push` would, with the first user's password.
    func seed() throws {
        let client = LocalHTTPClient(port: port)
        let authorization = spec.users.first.map {
            "Basic " + Data("\($0.user):\($0.password)".utf8).base64EncodedString()
        }
        for image in spec.images {
            // The Host header names the registry as the image does, so the generated image is
            // the same one (same digests) the embedded registry would hold.
            try ImagePusher(http: client).push(
                repository: image.repository, tag: image.tag, host: spec.host, authorization: authorization)
        }
    }
}
