import Beanstalk
import Foundation
import Registry
import Synchronization
import Testing

@testable import Replay

/// The pieces behind `--registry process|container` and `--puller skopeo|docker` that need no
/// real tool (those run in .ci/run's tier 3 and in Tests/clients/test_replay_real_tools.py).
@Suite("Real registries and pullers")
struct RealToolsTests {
    @Test("a puller's own wording replaces the scenario's message for that puller only")
    func pullerMessages() throws {
        let scenario = try flowTwoScenario(
            expect: """
                expect: {outcome: failed, failure: {step: pull, message: "no basic auth credentials", pullerMessages: {skopeo: "unauthorized: authentication required"}}}
                """)
        #expect(scenario.expect.failure?.pullerMessages == ["skopeo": "unauthorized: authentication required"])
        var report = DeploymentReport()
        report.failure = .init(
            step: .pull, kind: .pullFailed,
            message: "reading manifest latest in quay.io/johndoe/private-image: unauthorized: authentication required",
            diagnosis: "")
        #expect(Expectation.check(scenario.expect, report: report, deployments: 1, puller: .skopeo).isEmpty)
        #expect(!Expectation.check(scenario.expect, report: report, deployments: 1, puller: .docker).isEmpty)
        #expect(!Expectation.check(scenario.expect, report: report, deployments: 1, puller: .builtin).isEmpty)
    }

    @Test("pullerMessages names only known pullers")
    func unknownPuller() {
        #expect(throws: ScenarioError.self) {
            _ = try flowTwoScenario(
                expect: """
                    expect: {outcome: failed, failure: {step: pull, message: "x", pullerMessages: {podman: "y"}}}
                    """)
        }
    }

    @Test("a real registry applies only to scenarios with an htpasswd-style third-party registry")
    func applicability() throws {
        let quay = try flowTwoScenario()
        #expect(ReplayVariant(registry: .process).notApplicable(to: quay) == nil)
        #expect(ReplayVariant(registry: .embedded, puller: .docker).notApplicable(to: quay) == nil)
        var ecrOnly = quay
        ecrOnly.registries = []
        #expect(
            ReplayVariant(registry: .container).notApplicable(to: ecrOnly)?.contains("no third-party registry") == true)
        var hub = quay
        hub.registries = [.init(host: "docker.io", auth: .bearer, users: [], images: [])]
        #expect(ReplayVariant(registry: .process).notApplicable(to: hub)?.contains("Bearer") == true)
    }

    @Test("routes send a host to its real registry, loopback layer URLs to their port, the rest to ebauth")
    func routes() {
        let routes = RegistryRoutes(serverPort: 4566, upstreams: ["quay.io": 5000])
        #expect(routes.port(for: "quay.io") == 5000)
        #expect(routes.port(for: "QUAY.io:443") == 5000)
        #expect(routes.port(for: "127.0.0.1:6001") == 6001)
        #expect(routes.port(for: "123456789012.dkr.ecr.us-east-2.amazonaws.com") == 4566)
    }

    @Test("the generated registry config and htpasswd are what docker-registry reads")
    func registryFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spec = Scenario.RegistrySpec(
            host: "quay.io", auth: .basic, users: [.init(user: "johndoe", password: "s3cret")], images: [])
        try DistributionRegistry.prepare(spec, directory: folder.path, port: 5123)
        let config = try String(contentsOfFile: folder.path + "/config.yml", encoding: .utf8)
        #expect(config.contains("addr: 127.0.0.1:5123"))
        #expect(config.contains("path: \(folder.path)/htpasswd"))
        let entries = try Htpasswd.parse(try String(contentsOfFile: folder.path + "/htpasswd", encoding: .utf8))
        #expect(entries.count == 1 && entries[0].user == "johndoe")
        #expect(Htpasswd.verify("s3cret", hash: entries[0].hash) && !Htpasswd.verify("wrong", hash: entries[0].hash))
        let anonymous = Scenario.RegistrySpec(host: "quay.io", auth: .none, users: [], images: [])
        #expect(
            !DistributionRegistry.configuration(port: 1, directory: "/d", auth: anonymous.auth == .basic).contains(
                "htpasswd"))
    }

    /// One raw HTTP exchange with the router.
    func exchange(_ port: Int, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        _ = RegistryRouter.writeAll(fd, Array(request.utf8))
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            guard n > 0 else { break }
            answer += chunk[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test("the router refuses TLS tunnels and forwards absolute-form requests to the routed port, Host unchanged")
    func router() throws {
        // Upstream: a plain listening socket on a kernel-chosen port.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        let upstreamPort = Int(UInt16(bigEndian: address.sin_port))
        let seen = Mutex<String>("")
        let served = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let client = accept(listener, nil, nil)
            var head: [UInt8] = []
            var byte = [UInt8](repeating: 0, count: 1)
            while !head.suffix(4).elementsEqual([13, 10, 13, 10]), read(client, &byte, 1) == 1 { head.append(byte[0]) }
            seen.withLock { $0 = String(decoding: head, as: UTF8.self) }
            _ = RegistryRouter.writeAll(client, Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".utf8))
            close(client)
            served.signal()
        }
        let router = try RegistryRouter(routes: RegistryRoutes(serverPort: 1, upstreams: ["quay.io": upstreamPort]))
        defer { router.stop() }
        let refused = try exchange(router.port, "CONNECT quay.io:443 HTTP/1.1\r\nHost: quay.io:443\r\n\r\n")
        #expect(refused.hasPrefix("HTTP/1.1 403 "))
        let answer = try exchange(
            router.port,
            "GET http://quay.io/v2/johndoe/app/manifests/latest?x=1 HTTP/1.1\r\nHost: quay.io\r\nProxy-Connection: keep-alive\r\nAuthorization: Basic eA==\r\n\r\n"
        )
        served.wait()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK") && answer.hasSuffix("{}"))
        let head = seen.withLock { $0 }
        #expect(head.hasPrefix("GET /v2/johndoe/app/manifests/latest?x=1 HTTP/1.1\r\n"))
        #expect(
            head.contains("Host: quay.io\r\n") && head.contains("Authorization: Basic eA==\r\n")
                && head.contains("Connection: close\r\n"))
        #expect(!head.lowercased().contains("proxy-connection"))
    }

    @Test("ports for child registries come from below the kernel's ephemeral range, and are free")
    func childPortsAvoidEphemeralRange() throws {
        let ephemeral = Subprocess.ephemeralPortRange()
        for _ in 0..<20 {
            let port = try Subprocess.freeLoopbackPort()
            #expect(port < ephemeral.lowerBound)
            let (fd, bound) = try LoopbackSocket.open(port: port, listen: 1, purpose: "test")
            close(fd)
            #expect(bound == port)
        }
    }

    @Test("children get their exit status or signal, and inherit no descriptor beyond 0, 1, 2")
    func childProcess() throws {
        let leaked = open("/dev/null", O_RDONLY)  // not close-on-exec
        defer { close(leaked) }
        let listing = try Subprocess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        // ls itself opens one descriptor to read the directory.
        let fds = listing.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(listing.succeeded && fds.filter { $0 > 3 }.isEmpty, "\(fds)")
        #expect(try Subprocess.run("/bin/sh", ["-c", "exit 7"]).status == 7)
        #expect(try Subprocess.run("/bin/sh", ["-c", "kill -9 $$"]).status == 9)
        let echoed = try Subprocess.run("/bin/cat", [], stdin: Data("hello".utf8))
        #expect(echoed.stdout == "hello")
        let slow = try Subprocess.run("/bin/sleep", ["30"], timeout: 0.5)
        #expect(slow.timedOut && !slow.succeeded)
    }

    @Test("the JUnit report has a suite per variant and a matrix that fails when variants disagree")
    func junitMatrix() {
        var pulled = DeploymentReport()
        pulled.pulled = ["quay.io/a:1"]
        var failed = DeploymentReport()
        failed.failure = .init(step: .pull, kind: .pullFailed, message: "x", diagnosis: "")
        let docker = ReplayVariant(registry: .embedded, puller: .docker)
        let results = [
            ScenarioResult(
                name: "one", folder: "S/one", status: .passed, reason: nil, report: pulled, seconds: 0.1,
                variant: .standard),
            ScenarioResult(
                name: "one", folder: "S/one", status: .failed, reason: "r", report: failed, seconds: 0.1,
                variant: docker),
        ]
        let xml = Reports.junit(results)
        #expect(xml.contains(#"<testsuite name="ebauth replay registry=embedded puller=builtin""#))
        #expect(xml.contains(#"<testsuite name="ebauth replay registry=embedded puller=docker""#))
        #expect(xml.contains(#"<testsuite name="ebauth replay matrix" tests="1" failures="1""#))
        #expect(xml.contains("variants disagree: failed at pull in deployment 0 vs pulled"))
        #expect(Reports.disagreements(results).count == 1)
        #expect(Reports.matrixTable(results, variants: [.standard, docker]).contains("one"))
    }
}
