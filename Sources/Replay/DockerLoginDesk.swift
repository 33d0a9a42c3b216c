import AWSCore
import Beanstalk
import Foundation
import HTTPServer
import Storage
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
        guard parts.count == 4, parts[3] == "docker-login", let instance = instances.withLock({ $0[String(parts[2])] })
        else {
            return HTTPResponse(status: 404, headers: HTTPHeaders(), bytes: Array("no such instance".utf8))
        }
        let name = QueryItems(parsing: request.query).items.first { $0.name == "request" }?.value ?? ""
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            return HTTPResponse(status: 400, headers: HTTPHeaders(), bytes: [])
        }
        let folder = instance.sandbox.directory + "/requests/" + name
        let args = (FileManager.default.contents(atPath: folder + "/args") ?? Data())
            .split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
                String(decoding: $0, as: UTF8.self)
            }
        let stdin = FileManager.default.contents(atPath: folder + "/stdin")
        let answer = login(Array(args), stdin: stdin, instance: instance)
        try? Data(answer.stdout.utf8).write(to: URL(fileURLWithPath: folder + "/stdout"))
        try? Data(answer.stderr.utf8).write(to: URL(fileURLWithPath: folder + "/stderr"))
        try? Data("\(answer.status)".utf8).write(to: URL(fileURLWithPath: folder + "/status"))
        return HTTPResponse(status: 200, headers: HTTPHeaders(), bytes: [])
    }

    /// The CLI's `login`: the flags, the user and password, the registry's login, then
    /// config.json; warnings come before whatever ends it.
    func login(_ args: [String], stdin: Data?, instance: Instance) -> Answer {
        let arguments: DockerLoginArguments
        do throws(DockerCLIError) {
            arguments = try DockerLoginArguments(parsing: args)
        } catch {
            return Answer(stderr: error.stderr, status: error.status)
        }
        let warning = arguments.warning
        do throws(DockerCLIError) {
            let (username, password) = try arguments.credential(stdin: stdin)
            let key = DockerLogin.serverKey(arguments.server)
            // Any other key is the server reduced to its host.
            let host = key == DockerAuthFile.dockerHubKey ? "registry-1.docker.io" : key
            let dockerHub = key == DockerAuthFile.dockerHubKey && instance.hosts.contains("docker.io")
            guard instance.hosts.contains(host) || dockerHub else {
                // A real instance would reach the real registry, which does not know this user.
                throw DockerCLIError.error(
                    "Error response from daemon: Get \"https://\(host)/v2/\": unauthorized: incorrect username or "
                        + "password")
            }
            let credential = DockerCredential(username: username, password: password)
            try RegistryLogin(routes: instance.routes).login(host: host, credential: credential)
            try save(server: arguments.server, credential: credential, in: instance.sandbox)
        } catch {
            return Answer(stderr: warning + error.stderr, status: error.status)
        }
        let stored =
            "WARNING! Your password will be stored unencrypted in /root/.docker/config.json.\n"
            + "Configure a credential helper to remove this warning. See\n"
            + "https://docs.docker.com/go/credential-store/\n\n"
        return Answer(stdout: "Login Succeeded\n", stderr: warning + stored, status: 0)
    }

    /// Writes the instance's `/root/.docker/config.json` as docker does (mode 0600).
    func save(server: String?, credential: DockerCredential, in sandbox: InstanceSandbox) throws(DockerCLIError) {
        let path = sandbox.dockerConfig + "/config.json"
        do {
            try FileManager.default.createDirectory(atPath: sandbox.dockerConfig, withIntermediateDirectories: true)
            let data = try DockerLogin.configJSON(
                server: server, username: credential.username, password: credential.password,
                existing: FileManager.default.contents(atPath: path))
            try data.write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
        } catch let failure as DockerLogin.Failure {
            throw .error("\(failure)")
        } catch {
            throw .error("Error saving credentials: \(error)")
        }
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
