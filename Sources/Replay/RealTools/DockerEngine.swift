import Foundation
import Synchronization

/// A real Docker engine for `--puller docker` and `--registry container`.
///
/// `ebauth replay` starts a private one (dockerd from PATH, as root) the way DESIGN.md's tier 3
/// does: no iptables, no bridge, vfs storage, its own data and exec roots and socket, and two
/// things only a private engine can have — its registry traffic sent through the replay's
/// RegistryRouter (HTTP_PROXY/HTTPS_PROXY are read once, when dockerd starts) and its own
/// /etc/hosts (a bind mount in a private mount namespace) naming every registry host of the
/// run as 127.0.0.1. Docker treats registries whose names resolve to 127.0.0.0/8 as insecure,
/// so it retries them over plain HTTP, which the router can route; the machine's own
/// /etc/hosts is never touched. For `--registry container` alone an engine from DOCKER_HOST
/// is used as it is.
public final class DockerEngine: Sendable {
    public let host: String
    public let version: String
    /// Serialises pulls: the router has one set of routes at a time.
    let pullLock = Mutex(())
    private let process: ChildProcess?
    private let directory: String?

    private init(host: String, version: String, process: ChildProcess?, directory: String?) {
        self.host = host
        self.version = version
        self.process = process
        self.directory = directory
    }

    public var description: String {
        process == nil
            ? "Docker engine \(version) at \(host)"
            : "private Docker engine \(version) (dockerd, vfs, host network) at \(host)"
    }

    /// The engine at `host` (default: DOCKER_HOST, else docker's default socket), if it answers.
    public static func existing(_ given: String? = nil) throws -> DockerEngine {
        let host = given ?? ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"
        let answer = try Subprocess.run(
            "docker", ["version", "--format", "{{.Server.Version}}"], environment: ["DOCKER_HOST": host], timeout: 20)
        guard answer.succeeded else {
            throw Subprocess.LaunchError(description: "no Docker engine at \(host): \(answer.lastErrorLine)")
        }
        return DockerEngine(
            host: host, version: answer.stdout.trimmingCharacters(in: .whitespacesAndNewlines), process: nil,
            directory: nil)
    }

    /// Starts a private dockerd whose registry traffic goes through `router` and whose
    /// /etc/hosts names `registryHosts` as 127.0.0.1.
    public static func startPrivate(router: RegistryRouter, registryHosts: Set<String>) throws -> DockerEngine {
        guard let dockerd = Subprocess.locate("dockerd") else {
            throw Subprocess.LaunchError(
                description: "needs dockerd (Debian package docker.io) for a private Docker engine")
        }
        guard Subprocess.locate("docker") != nil else {
            throw Subprocess.LaunchError(description: "needs the docker CLI")
        }
        guard getuid() == 0 else {
            throw Subprocess.LaunchError(description: "a private Docker engine needs root (dockerd)")
        }
        // Short paths: the socket path must fit in sockaddr_un.
        let directory = "/tmp/ebauth-engine-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var hosts = "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"
        for host in registryHosts.sorted() { hosts += "127.0.0.1 \(host)\n" }
        try hosts.write(toFile: directory + "/hosts", atomically: true, encoding: .utf8)
        let socket = "unix://\(directory)/docker.sock"
        let arguments = [
            "--mount", "--propagation", "private", "/bin/sh", "-c",
            #"mount --bind "$1" /etc/hosts && shift && exec "$@""#, "sh",
            directory + "/hosts", dockerd, "--iptables=false", "--ip6tables=false", "--bridge=none",
            "--storage-driver=vfs",
            "--data-root", directory + "/data", "--exec-root", directory + "/exec", "--pidfile",
            directory + "/dockerd.pid",
            "-H", socket,
        ]
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
            .merging(router.proxyEnvironment) { _, new in new }
        let log = ChildProcess.appendFile(directory + "/dockerd.log"), null = ChildProcess.devNull(write: false)
        defer { for fd in [log, null] where fd >= 0 { close(fd) } }
        let process = try ChildProcess.spawn(
            "/usr/bin/unshare", arguments, environment: environment, stdin: null, stdout: log, stderr: log)
        for _ in 0..<300 {
            if !process.isRunning { break }
            let answer = try Subprocess.run(
                "docker", ["version", "--format", "{{.Server.Version}}"], environment: ["DOCKER_HOST": socket],
                timeout: 10)
            if answer.succeeded {
                return DockerEngine(
                    host: socket, version: answer.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                    process: process, directory: directory)
            }
            usleep(100_000)
        }
        process.stop()
        let text = (try? String(contentsOfFile: directory + "/dockerd.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: directory)
        throw Subprocess.LaunchError(
            description: "dockerd did not start; its log ends:\n"
                + text.split(separator: "\n").suffix(20).joined(separator: "\n"))
    }

    /// Stops a private engine (SIGTERM, then SIGKILL after 20 s) and removes its roots.
    public func stop() {
        guard let process, let directory else { return }
        process.stop(grace: 20)
        // vfs layers can hold read-only directories; `rm -rf` as root copes.
        _ = try? Subprocess.run("rm", ["-rf", directory], timeout: 120)
    }

    /// Runs the docker CLI against this engine.
    func docker(_ arguments: [String], config: String? = nil, timeout: TimeInterval = 120) throws -> Subprocess.Output {
        try Subprocess.run(
            "docker", (config.map { ["--config", $0] } ?? []) + arguments, environment: ["DOCKER_HOST": host],
            timeout: timeout)
    }

    static let registryImageName = "ebauth/docker-registry:debian"
    private let registryImageReady = Mutex(false)

    /// The distribution registry as an image, made offline with `docker import` from Debian's
    /// binary and the libraries ldd names (nothing can be pulled here).
    func registryImage() throws -> String {
        try registryImageReady.withLock { ready in
            if ready { return Self.registryImageName }
            if try docker(["image", "inspect", Self.registryImageName]).succeeded {
                ready = true
                return Self.registryImageName
            }
            guard let binary = Subprocess.locate("docker-registry") else {
                throw Subprocess.LaunchError(
                    description: "needs docker-registry (Debian package docker-registry) to build the registry image")
            }
            let root = NSTemporaryDirectory() + "ebauth-registry-rootfs-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: root) }
            var files = [binary]
            let ldd = try Subprocess.run("ldd", [binary])
            for line in ldd.stdout.split(separator: "\n") {
                for word in line.split(whereSeparator: \.isWhitespace) where word.hasPrefix("/") {
                    files.append(String(word))
                }
            }
            for file in files {
                let target = root + (file == binary ? "/bin/registry" : file)
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.copyItem(
                    atPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: file)).map {
                        $0.hasPrefix("/") ? $0 : (file as NSString).deletingLastPathComponent + "/" + $0
                    } ?? file, toPath: target)
            }
            try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
            let tarball = root + ".tar"
            defer { try? FileManager.default.removeItem(atPath: tarball) }
            let tar = try Subprocess.run("tar", ["-C", root, "-cf", tarball, "."])
            guard tar.succeeded else { throw Subprocess.LaunchError(description: "tar: \(tar.stderr)") }
            let imported = try docker([
                "import", "-c", #"ENTRYPOINT ["/bin/registry"]"#, tarball, Self.registryImageName,
            ])
            guard imported.succeeded else {
                throw Subprocess.LaunchError(description: "docker import: \(imported.stderr)")
            }
            ready = true
            return Self.registryImageName
        }
    }
}
