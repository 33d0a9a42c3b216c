import Foundation
import Synchronization

/// Runs a real tool (skopeo, docker, docker-registry) to completion and keeps what it printed.
struct Subprocess {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
        var succeeded: Bool { status == 0 && !timedOut }
        /// The last non-empty line of stderr (tools print their error there).
        var lastErrorLine: String {
            stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
                ?? ""
        }
    }

    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments`; `environment` is added to this process's own. Stops
    /// it (SIGTERM, then SIGKILL) after `timeout` seconds so a hung tool cannot hang a replay.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
        timeout: TimeInterval = 120
    ) throws -> Output {
        guard let path = locate(executable) else { throw LaunchError(description: "\(executable): not found on PATH") }
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0], input: [Int32] = [0, 0]
        // Children get only these (ebauth_spawn closes every other descriptor in the child).
        guard pipe(&out) == 0, pipe(&err) == 0, pipe(&input) == 0 else {
            throw LaunchError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                path, arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                stdin: input[0], stdout: out[1], stderr: err[1])
        } catch {
            for fd in out + err + input { close(fd) }
            throw LaunchError(description: "\(error)")
        }
        close(out[1])
        close(err[1])
        close(input[0])
        let writer = input[1]
        Thread.detachNewThread {
            if let stdin { writeAll(writer, Array(stdin)) }
            close(writer)
        }
        // Both pipes are drained at once: a tool that fills one while we wait on the other
        // would otherwise block forever.
        let collected = Mutex<([UInt8], [UInt8])>(([], []))
        let group = DispatchGroup()
        for (index, fd) in [out[0], err[0]].enumerated() {
            group.enter()
            Thread.detachNewThread {
                var data: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = read(fd, &chunk, chunk.count)
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { break }
                    data += chunk[0..<n]
                }
                close(fd)
                collected.withLock { if index == 0 { $0.0 = data } else { $0.1 = data } }
                group.leave()
            }
        }
        let timedOut = Mutex(false)
        let watchdog = DispatchWorkItem {
            timedOut.withLock { $0 = true }
            child.signal(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + 5) { child.signal(SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let status = child.wait()
        watchdog.cancel()
        group.wait()
        let (stdout, stderr) = collected.withLock { $0 }
        return Output(
            status: status, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            timedOut: timedOut.withLock { $0 })
    }

    /// Writes to a pipe (send() would refuse a pipe); a child that exits early only ends the
    /// write, because SIGPIPE is ignored.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        ignoreSIGPIPE
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// The absolute path of a tool, looked up on PATH as a shell would.
    static func locate(_ executable: String) -> String? {
        if executable.contains("/") {
            return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        let directories: [String] = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        for directory in directories {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A loopback port nobody listens on right now (the kernel's choice for port 0). A tool
    /// that must be told its port gets this; the small race with other programs is retried
    /// by callers that wait for the tool to answer.
    /// A port for a child to bind, chosen below the kernel's ephemeral range: a port the kernel
    /// handed out for port 0 could be handed to another server (an embedded one of a parallel
    /// scenario) between this probe and the child's bind, which then answered in its place.
    static func freeLoopbackPort() throws -> Int {
        let ephemeralStart = ephemeralPortRange().lowerBound
        let candidates = 10_000..<max(10_001, ephemeralStart)
        for _ in 0..<64 {
            if let (fd, port) = try? LoopbackSocket.open(port: Int.random(in: candidates), purpose: "free port") {
                close(fd)
                return port
            }
        }
        let (fd, port) = try LoopbackSocket.open(purpose: "free port")
        close(fd)
        return port
    }

    /// `net.ipv4.ip_local_port_range`, Linux's default when it cannot be read.
    static func ephemeralPortRange() -> ClosedRange<Int> {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let bounds = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { return 32768...60999 }
        return bounds[0]...bounds[1]
    }
}
