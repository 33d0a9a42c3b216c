import AWSCore
import Foundation
import HTTPServer
import Logging
import Registry
import Server
import Storage
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A clock tests move by hand, to age bearer tokens.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var awsClock: AWSClock { AWSClock(now: { [self] in now }) }
}

/// Mounts the registry as the real server will: `/v2/` and `/_ebauth/registries/`, on an
/// `EbauthServer` with temporary state. Requests whose Host starts with an account id
/// (`123456789012.dkr.ecr.us-east-1.localhost`) go to an ECR-flavoured namespace, to check ECR's
/// wording; everything else to the emulated third-party registries.
struct TestRegistryModule: ServiceModule {
    let clock: TestClock
    let ecrAccess: @Sendable () -> any RegistryAccessControl
    let blobRedirect: RegistryResponder.BlobRedirect?
    let tagPolicy: TagPolicy?
    let box: RegistriesBox

    var migrations: [Migration] { RegistrySchema.migrations }

    func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        var environment = environment
        environment.clock = clock.awsClock
        let registries = ThirdPartyRegistries(environment: environment, tagPolicy: tagPolicy)
        box.set(registries)
        let ecrAccess = self.ecrAccess
        let resolve: RegistryResolver = { request in
            let host = request.headers["host"] ?? ""
            if host.hasPrefix("123456789012.dkr.ecr.") {
                return RegistryResolution(namespace: .ecr(accountID: "123456789012", region: "us-east-1"), access: ecrAccess())
            }
            return registries.resolve(request)
        }
        return [
            PathRoute(prefix: "/v2/", name: "registry", responder: RegistryResponder(resolve: resolve, backend: registries.backend, blobRedirect: blobRedirect)),
            PathRoute(prefix: RegistryAdminResponder.prefix, name: "registries", responder: RegistryAdminResponder(registries: registries)),
        ]
    }
}

final class RegistriesBox: Sendable {
    private let value = Mutex<ThirdPartyRegistries?>(nil)
    func set(_ registries: ThirdPartyRegistries) { value.withLock { $0 = registries } }
    var registries: ThirdPartyRegistries { value.withLock { $0! } }
}

/// One in-process server for one test, spoken to over real HTTP.
final class TestRegistryServer {
    let server: EbauthServer
    let clock = TestClock()
    let box = RegistriesBox()

    init(
        ecrAccess: @escaping @Sendable () -> any RegistryAccessControl = { OpenAccess() },
        blobRedirect: RegistryResponder.BlobRedirect? = nil, tagPolicy: TagPolicy? = nil
    ) throws {
        var options = ServerOptions()
        options.port = 0
        options.workerCount = 8
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let module = TestRegistryModule(clock: clock, ecrAccess: ecrAccess, blobRedirect: blobRedirect, tagPolicy: tagPolicy, box: box)
        server = try EbauthServer(options: options, logger: logger, modules: [module])
        try server.start()
    }

    deinit {
        server.stop()
        server.wait()
    }

    var port: Int { server.port }
    var registries: ThirdPartyRegistries { box.registries }
    var backend: RegistryBackend { registries.backend }
    var blobsDirectory: String { server.state.blobStore.blobsDirectory }

    /// Sends one request (HTTP/1.1, its own connection) and reads the whole answer.
    @discardableResult
    func send(
        _ method: String, _ path: String, host: String = "127.0.0.1", headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> TestResponse {
        try TestHTTP.send(port: port, method: method, path: path, host: host, headers: headers, body: body)
    }

    /// Seeds a registry through the admin API; fails the test on anything but 201.
    @discardableResult
    func seed(_ json: String) throws -> [String: Any] {
        let response = try send("POST", "/_ebauth/registries", headers: [("Content-Type", "application/json")], body: Array(json.utf8))
        guard response.status == 201 else { throw TestFailure("seeding failed: \(response.status) \(response.text)") }
        return try response.jsonObject()
    }

    /// Blob files currently in the store.
    func blobFileCount() -> Int {
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: blobsDirectory)) ?? []
        return shards.reduce(0) { $0 + ((try? FileManager.default.contentsOfDirectory(atPath: blobsDirectory + "/" + $1))?.count ?? 0) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct TestResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(text)")
        }
        return object
    }

    /// `errors[].code` of a distribution error envelope.
    var errorCodes: [String] {
        ((try? jsonObject())?["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
    }

    /// `errors[0].message`.
    var errorMessage: String? {
        (((try? jsonObject())?["errors"] as? [[String: Any]])?.first?["message"]) as? String
    }
}

/// A minimal blocking HTTP/1.1 client over a socket, so tests control every header (Host
/// included) and see exactly what arrives.
enum TestHTTP {
    static func send(
        port: Int, method: String, path: String, host: String, headers: [(String, String)], body: [UInt8]
    ) throws -> TestResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(fd, Array(head.utf8) + body)

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TestFailure("recv failed: errno \(errno)")
            }
            if n == 0 { break }
            received += chunk[0..<n]
        }
        guard let end = find(received, [13, 10, 13, 10]) else { throw TestFailure("no response head") }
        var lines = String(decoding: received[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        let fields = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return TestResponse(status: Int(statusLine[1])!, headers: fields, body: Array(received[(end + 4)...]))
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += n
        }
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where Array(haystack[index..<index + needle.count]) == needle {
            return index
        }
        return nil
    }
}

extension TestResponse {
    var isAPIVersioned: Bool { header("Docker-Distribution-API-Version") == "registry/2.0" }
}

func basic(_ user: String, _ password: String) -> (String, String) {
    ("Authorization", BasicCredentials(user: user, password: password).headerValue)
}

func sha256(_ bytes: [UInt8]) -> String {
    TestImage.Blob(mediaType: "", bytes: bytes).digest
}

/// An open registry on Host `127.0.0.1` (auth none), for tests about content rather than auth.
func openRegistry() throws -> TestRegistryServer {
    let server = try TestRegistryServer()
    try server.seed(#"{"host": "open.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
    return server
}

extension TestRegistryServer {
    /// Uploads blobs monolithically and PUTs the manifest under `tag`, as a client pushes.
    func push(_ image: TestImage, to repository: String, tag: String, host: String = "127.0.0.1", headers: [(String, String)] = [])
        throws
    {
        for blob in image.blobs {
            let response = try send("POST", "/v2/\(repository)/blobs/uploads/?digest=\(blob.digest)", host: host, headers: headers, body: blob.bytes)
            guard response.status == 201 else { throw TestFailure("blob upload: \(response.status) \(response.text)") }
        }
        let response = try send(
            "PUT", "/v2/\(repository)/manifests/\(tag)", host: host,
            headers: headers + [("Content-Type", image.manifestMediaType)], body: image.manifest)
        guard response.status == 201 else { throw TestFailure("manifest put: \(response.status) \(response.text)") }
    }
}
