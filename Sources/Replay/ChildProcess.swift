import CSystemShims
import Foundation
import Synchronization

/// A child process started with posix_spawn (see `ebauth_spawn` for why not Foundation's
/// Process): its standard descriptors are given, nothing else is inherited.
final class ChildProcess: Sendable {
    let pid: pid_t
    private let exit = Mutex<Int32?>(nil)

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `path`. `environment` is the child's whole environment.
    static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        stdin: Int32, stdout: Int32, stderr: Int32
    ) throws -> ChildProcess {
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = ebauth_spawn(path, argv, envp, directory, stdin, stdout, stderr)
        // ETXTBSY: a script another thread of this process has just written is still open for
        // writing in a child being spawned in parallel, until that child's exec closes it.
        var attempt = 1
        while pid == -ETXTBSY && attempt < 20 {
            usleep(useconds_t(attempt * 5_000))
            pid = ebauth_spawn(path, argv, envp, directory, stdin, stdout, stderr)
            attempt += 1
        }
        guard pid > 0 else { throw SpawnError(description: "\(path): \(String(cString: strerror(-pid)))") }
        return ChildProcess(pid: pid)
    }

    /// Blocks until the child ends; its exit status, or the signal that ended it (as
    /// Foundation's terminationStatus reports it).
    @discardableResult
    func wait() -> Int32 {
        if let status = exit.withLock({ $0 }) { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 {
            guard errno == EINTR else { break }
        }
        let status = Self.decode(raw)
        exit.withLock { $0 = status }
        return status
    }

    var isRunning: Bool {
        if exit.withLock({ $0 }) != nil { return false }
        var raw: Int32 = 0
        let reaped = waitpid(pid, &raw, WNOHANG)
        guard reaped == pid else { return reaped == 0 }
        exit.withLock { $0 = Self.decode(raw) }
        return false
    }

    func signal(_ signal: Int32) {
        if exit.withLock({ $0 }) == nil { kill(pid, signal) }
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; waits.
    func stop(grace: TimeInterval = 10) {
        signal(SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(20_000) }
        signal(SIGKILL)
        wait()
    }

    static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : signal
    }

    /// /dev/null opened for reading or writing, close-on-exec.
    static func devNull(write: Bool) -> Int32 { open("/dev/null", (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC) }

    /// A file opened for appending (created if missing), close-on-exec.
    static func appendFile(_ path: String) -> Int32 { open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600) }
}
