import AWSCore
import Foundation
import HTTPServer
import Logging
import Registry
import Server
import Storage
import Synchronization

@testable import ECR

#if canImport(Glibc)
    import Glibc
#endif

/// A clock tests move by hand, to age tokens and layer URLs.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var aws: AWSClock { AWSClock(now: { [self] in now }) }
}

/// An authorizer whose answers tests set, and which records what it was asked.
final class ScriptedAuthorizer: Authorizer, Sendable {
    private let denied = Mutex<Set<String>>([])
    private let asked = Mutex<[AuthorizationRequest]>([])

    func deny(_ action: String) { denied.withLock { _ = $0.insert(action) } }
    var requests: [AuthorizationRequest] { asked.withLock { $0 } }
    func forget() { asked.withLock { $0.removeAll() } }

    func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {
        asked.withLock { $0.append(request) }
        if denied.withLock({ $0.contains(request.action) }) {
            throw AccessDenial(
                callerARN: request.caller.arn, action: request.action, resource: request.resource,
                reason: request.resourceAccountID == request.caller.accountID ? .noIdentityPolicyAllows : .noResourcePolicyAllows)
        }
    }
}

/// ECR mounted as `ECRModule` mounts it, with the test's clock and authorizer; the backend is
/// kept so tests call operations directly.
final class PartsBox: Sendable {
    let value = Mutex<ECRModule.Parts?>(nil)
}

struct TestECRModule: ServiceModule {
    let clock: TestClock
    let authorizer: ScriptedAuthorizer
    let box: PartsBox

    var migrations: [Migration] { ECRModule().migrations }

    func adjusted(_ environment: ServiceEnvironment) -> ServiceEnvironment {
        var environment = environment
        environment.clock = clock.aws
        environment.authorizer = authorizer
        return environment
    }

    func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        let parts = ECRModule.Parts(adjusted(environment), tokenLifetime: 12 * 3600)
        box.value.withLock { $0 = parts }
        return [parts.backend.routes()]
    }

    func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        ECRModule.pathRoutes(box.value.withLock { $0! }, adjusted(environment))
    }
}

/// One in-process server with ECR for one test: the API called directly, the registry over HTTP.
final class ECRWorld: @unchecked Sendable {
    let server: EbauthServer
    let clock = TestClock()
    let authorizer = ScriptedAuthorizer()
    let backend: ECRBackend

    static let account = "000000000000"

    init() throws {
        var options = ServerOptions()
        options.port = 0
        options.workerCount = 4
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let module = TestECRModule(clock: clock, authorizer: authorizer, box: PartsBox())
        server = try EbauthServer(options: options, logger: logger, modules: [module])
        try server.start()
        backend = module.box.value.withLock { $0!.backend }
    }

    deinit {
        server.stop()
        server.wait()
    }

    var port: Int { server.port }

    func context(
        _ operation: String, account: String = ECRWorld.account, region: String = "us-east-1",
        caller: CallerIdentity? = nil
    ) -> RequestContext {
        RequestContext(
            requestID: "req-\(operation)", accountID: account, region: region, service: "ecr", operation: operation,
            caller: caller ?? .root(accountID: account, accessKeyID: "test"), clock: clock.aws)
    }

    @discardableResult
    func createRepository(_ name: String, mutability: String = "MUTABLE", account: String = ECRWorld.account) throws
        -> Repository
    {
        try backend.createRepository(
            CreateRepositoryRequest(repositoryName: name, imageTagMutability: mutability),
            context: context("CreateRepository", account: account)
        ).repository
    }

    /// A registry password from GetAuthorizationToken.
    func password(region: String = "us-east-1", account: String = ECRWorld.account, registryIDs: [String]? = nil,
                  caller: CallerIdentity? = nil) throws -> String
    {
        let data = try backend.getAuthorizationToken(
            GetAuthorizationTokenRequest(registryIds: registryIDs),
            context: context("GetAuthorizationToken", account: account, region: region, caller: caller))
        let decoded = String(decoding: Data(base64Encoded: data.authorizationData[0].authorizationToken)!, as: UTF8.self)
        return String(decoded.dropFirst("AWS:".count))
    }

    func basic(_ password: String) -> (String, String) {
        ("Authorization", BasicCredentials(user: "AWS", password: password).headerValue)
    }

    @discardableResult
    func send(
        _ method: String, _ path: String, host: String = "127.0.0.1", headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> TestResponse {
        try TestHTTP.send(port: port, method: method, path: path, host: host, headers: headers, body: body)
    }

    /// Pushes a generated image through the registry data plane, as a client does.
    func push(_ image: TestImage, to repository: String, tag: String, password: String, host: String = "127.0.0.1")
        throws -> TestResponse
    {
        for blob in image.blobs {
            let response = try send(
                "POST", "/v2/\(repository)/blobs/uploads/?digest=\(blob.digest)", host: host, headers: [basic(password)],
                body: blob.bytes)
            guard response.status == 201 else { return response }
        }
        return try send(
            "PUT", "/v2/\(repository)/manifests/\(tag)", host: host,
            headers: [basic(password), ("Content-Type", image.manifestMediaType)], body: image.manifest)
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

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var text: String { String(decoding: body, as: UTF8.self) }

    var errorCode: String? { errors.first?["code"] as? String }
    var errorMessage: String? { errors.first?["message"] as? String }

    private var errors: [[String: Any]] {
        ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])?["errors"] as? [[String: Any]] ?? []
    }
}

/// A minimal blocking HTTP/1.1 client, so tests set every header (Host included).
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
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += n
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            received += chunk[0..<n]
        }
        guard let end = (0..<max(received.count - 3, 0)).first(where: { received[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
            throw TestFailure("no response head")
        }
        var lines = String(decoding: received[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1])!
        let fields = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return TestResponse(status: status, headers: fields, body: Array(received[(end + 4)...]))
    }
}

/// Runs `body` and returns the AWS error it threw (code and message as the wire has them).
func awsError(_ body: () throws -> Void) -> AWSError? {
    do {
        try body()
        return nil
    } catch {
        return ErrorRenderer.awsError(for: error)
    }
}
