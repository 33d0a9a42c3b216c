import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The servers compared: ebauth, the anchors users would pick instead, and nginx as the ceiling.
enum TargetKind: String, CaseIterable, Sendable {
    case ebauth, moto, registry = "docker-registry", nginx
}

/// A started server: its process, port and files.
final class RunningTarget {
    let kind: TargetKind
    let pid: pid_t
    let port: Int
    let directory: String
    var host: String { "127.0.0.1:\(port)" }

    init(kind: TargetKind, pid: pid_t, port: Int, directory: String) {
        self.kind = kind; self.pid = pid; self.port = port; self.directory = directory
    }

    /// SIGTERM, then waits; returns the seconds to exit (SIGKILL after 10 s).
    @discardableResult
    func stop() -> Double {
        let t0 = now()
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || r < 0 { break }
            if now() - t0 > 10 { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
            usleep(200)
        }
        return now() - t0
    }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Where the programs are; a missing one leaves its target out of every row.
struct Tools {
    var ebauth: String
    var moto: String?
    var registry: String?
    var nginx: String?

    static func which(_ name: String) -> String? {
        let path: [String] = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for dir in path + ["/usr/sbin", "/usr/bin"] {
            let path = "\(dir)/\(name)"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}

/// A free loopback port for servers that cannot be told port 0 (moto, nginx, docker-registry).
func freePort() -> Int {
    let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(s) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// posix_spawn with stdout and stderr to a log file.
func spawn(_ argv: [String], log: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
    guard rc == 0 else { throw BenchError("cannot start \(argv[0]): errno \(rc)") }
    return pid
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// Starts each kind with fresh state in its own directory under `root`.
struct Launcher {
    let tools: Tools
    let root: String
    var counter = 0

    init(tools: Tools, root: String) { self.tools = tools; self.root = root }

    func available(_ kind: TargetKind) -> Bool {
        switch kind {
        case .ebauth: true
        case .moto: tools.moto != nil
        case .registry: tools.registry != nil
        case .nginx: tools.nginx != nil
        }
    }

    /// Starts the server and returns once `ready` got a successful answer; the time is from the
    /// spawn to that answer.
    mutating func start(_ kind: TargetKind, nginxFiles: [String: String] = [:]) throws -> (RunningTarget, Double) {
        counter += 1
        let dir = "\(root)/\(kind.rawValue)-\(counter)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = "\(dir)/server.log"
        var port = 0
        let argv: [String]
        switch kind {
        case .ebauth:
            argv = [
                tools.ebauth, "serve", "--port", "0", "--enforce-iam", "--state", "\(dir)/state", "--log-level",
                "error",
            ]
        case .moto:
            port = freePort()
            argv = [tools.moto!, "-H", "127.0.0.1", "-p", "\(port)"]
        case .registry:
            port = freePort()
            let config = """
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: \(dir)/data
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:\(port)

                """
            try config.write(toFile: "\(dir)/config.yml", atomically: true, encoding: .utf8)
            argv = [tools.registry!, "serve", "\(dir)/config.yml"]
        case .nginx:
            port = freePort()
            var locations = ""
            for (location, file) in nginxFiles.sorted(by: { $0.key < $1.key }) {
                locations += "    location = \(location) { alias \(file); default_type application/octet-stream; }\n"
            }
            let config = """
                daemon off;
                master_process on;
                worker_processes auto;
                user root;
                pid \(dir)/nginx.pid;
                error_log \(dir)/error.log error;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  sendfile on;
                  tcp_nopush on;
                  keepalive_requests 100000000;
                  keepalive_timeout 120s;
                  client_max_body_size 0;
                  client_body_temp_path \(dir)/body;
                  proxy_temp_path \(dir)/proxy;
                  fastcgi_temp_path \(dir)/fastcgi;
                  uwsgi_temp_path \(dir)/uwsgi;
                  scgi_temp_path \(dir)/scgi;
                  server {
                    listen 127.0.0.1:\(port);
                \(locations)    location / { default_type application/json; return 200 '{"ok":true}'; }
                  }
                }

                """
            try config.write(toFile: "\(dir)/nginx.conf", atomically: true, encoding: .utf8)
            argv = [tools.nginx!, "-p", dir, "-e", "\(dir)/error.log", "-c", "\(dir)/nginx.conf"]
        }
        let t0 = now()
        let pid = try spawn(argv, log: log)
        if kind == .ebauth {
            // Port 0: the banner names the port.
            while port == 0 {
                if let text = try? String(contentsOfFile: log, encoding: .utf8),
                    let range = text.range(of: "listening on http://127.0.0.1:")
                {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    if let p = Int(digits), text[range.upperBound...].dropFirst(digits.count).first != nil { port = p }
                }
                if port == 0 {
                    var status: Int32 = 0
                    if waitpid(pid, &status, WNOHANG) == pid {
                        throw BenchError("ebauth exited: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                    }
                    if now() - t0 > 20 { kill(pid, SIGKILL); throw BenchError("ebauth printed no port") }
                    usleep(100)
                }
            }
        }
        let target = RunningTarget(kind: kind, pid: pid, port: port, directory: dir)
        let probe = Self.readinessProbe(kind, host: target.host)
        let connection = Connection(port: port)
        while true {
            if let response = try? connection.send(probe), response.status == 200 { break }
            connection.close()
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw BenchError(
                    "\(kind.rawValue) exited: \((try? String(contentsOfFile: log, encoding: .utf8))?.suffix(2000) ?? "")"
                )
            }
            if now() - t0 > 60 { target.stop(); throw BenchError("\(kind.rawValue) not ready after 60 s") }
            usleep(200)
        }
        let elapsed = now() - t0
        connection.close()
        return (target, elapsed)
    }

    /// The first API answer: a signed ECR GetAuthorizationToken for the AWS doubles.
    static func readinessProbe(_ kind: TargetKind, host: String) -> Request {
        switch kind {
        case .ebauth, .moto:
            Signer().json(
                host: host, service: "ecr", target: "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken",
                body: "{}")
        case .registry:
            Request(
                head: renderHead(method: "GET", target: "/v2/", headers: [("Host", host)], contentLength: nil), body: []
            )
        case .nginx:
            Request(
                head: renderHead(method: "GET", target: "/", headers: [("Host", host)], contentLength: nil), body: [])
        }
    }
}
