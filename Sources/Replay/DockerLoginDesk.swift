import AWSCore
import Storage
import Beanstalk
import Foundation
import HTTPServer
import Synchronization

/// `docker login` for emulated instances. The instance's `docker` front end posts its
/// arguments here (`POST /_ebauth/replay/INSTANCE/docker-login?request=NAME`, the request
/// folder holding `args`, NUL-separated, and `stdin`); the desk checks the arguments as
/// docker/cli's `login` command does, logs in to the registry over HTTP like the CLI's
/// client-side login (ping, Basic or Bearer), writes `/root/.docker/config.json` of that
/// instance with docker's layout, and leaves `stdout`, `stderr`, `status` in the folder.
public final class DockerLoginDesk: Sendable {
    struct Instance: Sendable {
        var sandbox: InstanceSandbox
        var hosts: Set<String>
        var routes: RegistryRoutes
    }

    let instances = Mutex<[String: Instance]>([:])

    public init() {}

    func register(_ sandbox: InstanceSandbox, hosts: Set<String>, routes: RegistryRoutes) {
        instances.withLock { $0[sandbox.instanceID] = Instance(sandbox: sandbox, hosts: hosts, routes: routes) }
    }

    struct Answer {
        var stdout = ""
        var stderr = ""
        var status: Int32 = 0
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let parts = request.path.split(separator: "/")
        guard parts.count == 4, parts[3] == "docker-login", let instance = instances.withLock({ $0[String(parts[2])] }) else {
            return HTTPResponse(status: 404, headers: HTTPHeaders(), bytes: Array("no such instance".utf8))
        }
        let name = QueryItems(parsing: request.query).items.first { $0.name == "request" }?.value ?? ""
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return HTTPResponse(status: 400, headers: HTTPHeaders(), bytes: []) }
        let folder = instance.sandbox.directory + "/requests/" + name
        let args = (FileManager.default.contents(atPath: folder + "/args") ?? Data())
            .split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        let stdin = FileManager.default.contents(atPath: folder + "/stdin")
        let tty = FileManager.default.fileExists(atPath: folder + "/tty")
        let answer = login(Array(args), stdin: stdin, tty: tty, instance: instance)
        try? Data(answer.stdout.utf8).write(to: URL(fileURLWithPath: folder + "/stdout"))
        try? Data(answer.stderr.utf8).write(to: URL(fileURLWithPath: folder + "/stderr"))
        try? Data("\(answer.status)".utf8).write(to: URL(fileURLWithPath: folder + "/status"))
        return HTTPResponse(status: 200, headers: HTTPHeaders(), bytes: [])
    }

    static let usage = """
        Usage:  docker login [OPTIONS] [SERVER]

        Authenticate to a registry.
        Defaults to Docker Hub if no server is specified.
        """

    func login(_ args: [String], stdin: Data?, tty: Bool, instance: Instance) -> Answer {
        var user: String?
        var password: String?
        var passwordStdin = false
        var positional: [String] = []
        var index = 0
        func flagError(_ text: String) -> Answer {
            Answer(stderr: "\(text)\nSee 'docker login --help'.\n", status: 125)
        }
        while index < args.count {
            let arg = args[index]
            func value() -> String? {
                index += 1
                return index < args.count ? args[index] : nil
            }
            switch arg {
            case "-u", "--username":
                guard let v = value() else { return flagError("flag needs an argument: '\(arg.dropFirst(arg.hasPrefix("--") ? 2 : 1))' in \(arg)") }
                user = v
            case "-p", "--password":
                guard let v = value() else { return flagError("flag needs an argument: '\(arg.dropFirst(arg.hasPrefix("--") ? 2 : 1))' in \(arg)") }
                password = v
            case "--password-stdin": passwordStdin = true
            default:
                if arg.hasPrefix("--username=") { user = String(arg.dropFirst(11)) }
                else if arg.hasPrefix("--password=") { password = String(arg.dropFirst(11)) }
                else if arg.hasPrefix("-u") && arg.count > 2 { user = String(arg.dropFirst(2)) }
                else if arg.hasPrefix("-p") && arg.count > 2 { password = String(arg.dropFirst(2)) }
                else if arg.hasPrefix("--") && arg.count > 2 { return flagError("unknown flag: \(arg.split(separator: "=")[0])") }
                else if arg.hasPrefix("-") && arg.count > 1 {
                    let flag = arg.dropFirst().first!
                    return flagError("unknown shorthand flag: '\(flag)' in \(arg)")
                } else { positional.append(arg) }
            }
            index += 1
        }
        if positional.count > 1 {
            return Answer(stderr: "\"docker login\" requires at most 1 argument.\nSee 'docker login --help'.\n\n\(Self.usage)\n", status: 1)
        }
        var stderr = ""
        if password != nil {
            stderr += "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
            if passwordStdin { return Answer(stderr: stderr + "Error: --password and --password-stdin are mutually exclusive\n", status: 1) }
        }
        if passwordStdin {
            guard let user, !user.isEmpty else { return Answer(stderr: stderr + "Error: Must provide --username with --password-stdin\n", status: 1) }
            _ = user
            var text = String(decoding: stdin ?? Data(), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            if text.hasSuffix("\r") { text.removeLast() }
            password = text
        }
        guard let user, !user.isEmpty, let password, !password.isEmpty else {
            if !tty { return Answer(stderr: stderr + "Error: Cannot perform an interactive login from a non TTY device\n", status: 1) }
            return Answer(stderr: stderr + "Error: Cannot perform an interactive login from a non TTY device\n", status: 1)
        }
        let server = positional.first
        let key = DockerLogin.serverKey(server)
        let host = key == DockerAuthFile.dockerHubKey ? "registry-1.docker.io" : DockerAuthFile.convertToHostname(server!)
        let knownHost = instance.hosts.contains(host) || (key == DockerAuthFile.dockerHubKey && instance.hosts.contains("docker.io"))
        guard knownHost else {
            // A real instance would reach the real registry, which does not know this user.
            if key == DockerAuthFile.dockerHubKey {
                return Answer(stderr: stderr + "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password\n", status: 1)
            }
            return Answer(stderr: stderr + "Error response from daemon: Get \"https://\(host)/v2/\": unauthorized: incorrect username or password\n", status: 1)
        }
        // The login goes where the host's registry is: ebauth or a real registry.
        let http = instance.routes.client(for: host)
        let puller = RegistryPuller(routes: instance.routes)
        do {
            let ping = try http.send("GET", "/v2/", host: host)
            if ping.status == 401, let challenge = RegistryPuller.challenge(ping) {
                let credential = DockerCredential(username: user, password: password)
                if challenge.scheme == "basic" {
                    let basic = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
                    let reply = try http.send("GET", "/v2/", host: host, headers: [("Authorization", basic)])
                    if reply.status != 200 {
                        let reason = reply.status == 401 ? "401 Unauthorized" : "\(reply.status)"
                        return Answer(stderr: stderr + "Error response from daemon: login attempt to https://\(host)/v2/ failed with status: \(reason)\n", status: 1)
                    }
                } else if let realm = challenge.parameters["realm"] {
                    _ = try puller.bearerToken(realm: realm, service: challenge.parameters["service"], scope: "", credential: credential, host: host)
                }
            }
        } catch let failure as PullFailure {
            return Answer(stderr: stderr + failure.message + "\n", status: 1)
        } catch {
            return Answer(stderr: stderr + "Error response from daemon: \(error)\n", status: 1)
        }
        let configPath = instance.sandbox.dockerConfig + "/config.json"
        do {
            try FileManager.default.createDirectory(atPath: instance.sandbox.dockerConfig, withIntermediateDirectories: true)
            let data = try DockerLogin.configJSON(
                server: server, username: user, password: password, existing: FileManager.default.contents(atPath: configPath))
            try data.write(to: URL(fileURLWithPath: configPath))
            chmod(configPath, 0o600)
        } catch let failure as DockerLogin.Failure {
            return Answer(stderr: stderr + "\(failure)\n", status: 1)
        } catch {
            return Answer(stderr: stderr + "Error saving credentials: \(error)\n", status: 1)
        }
        stderr += "WARNING! Your password will be stored unencrypted in /root/.docker/config.json.\n"
            + "Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n"
        return Answer(stdout: "Login Succeeded\n", stderr: stderr, status: 0)
    }
}

/// Mounts the login desk on the scenario's server.
public struct ReplayModule: ServiceModule {
    public let desk: DockerLoginDesk

    public init(desk: DockerLoginDesk) { self.desk = desk }

    public var migrations: [Migration] { [] }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        [PathRoute(prefix: "/_ebauth/replay/", name: "ebauth-replay", responder: DeskResponder(desk: desk))]
    }

    struct DeskResponder: HTTPResponder {
        let desk: DockerLoginDesk
        func respond(to request: HTTPRequest) -> HTTPResponse { desk.handle(request) }
    }
}
