import Beanstalk
import Foundation

/// The outcome of one hook or command.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs platform hooks the way the platform engine does (Go `exec.Command` on the file):
/// the exec checks come first, with Go's error texts, then the process runs as root in the
/// staging directory with environment properties plus HOME, PATH and PORT only.
public struct HookRunner: Sendable {
    public let sandbox: InstanceSandbox
    public let platform: Platform
    /// Seconds a hook or command may run before it is stopped.
    public var timeout: Double = 600

    public static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    public enum Result: Sendable {
        case succeeded(ProcessOutcome)
        /// The engine's `<detail>` after `failed with error `.
        case failed(detail: String, output: ProcessOutcome?)
    }

    /// Applies the platform-date rules to a hook file in the staging dir: execute bit granted
    /// (≥ 2022-04-29), CRLF converted (≥ 2022-12-29).
    public func normalise(_ absolute: String) {
        if platform.grantsHookExecutePermission {
            var info = stat()
            if stat(absolute, &info) == 0 { chmod(absolute, (info.st_mode & 0o7777) | 0o111) }
        }
        if platform.convertsHookLineEndings, let data = FileManager.default.contents(atPath: absolute),
            !data.contains(0), data.contains(13)
        {
            let converted = Data(
                String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
            try? converted.write(to: URL(fileURLWithPath: absolute))
        }
    }

    /// Go's `fork/exec` failures, predicted from the file (execve's EACCES, ENOENT, ENOEXEC).
    public static func execFailure(_ absolute: String, relative: String) -> String? {
        var info = stat()
        guard stat(absolute, &info) == 0 else { return "fork/exec \(relative): no such file or directory" }
        if info.st_mode & 0o111 == 0 { return "fork/exec \(relative): permission denied" }
        guard let handle = FileHandle(forReadingAtPath: absolute) else {
            return "fork/exec \(relative): permission denied"
        }
        let head = handle.readData(ofLength: 256)
        try? handle.close()
        if head.starts(with: [0x7f, 0x45, 0x4c, 0x46]) { return nil }
        guard head.starts(with: Array("#!".utf8)) else { return "fork/exec \(relative): exec format error" }
        let line = head.dropFirst(2).prefix { $0 != 10 }
        let text = String(decoding: line, as: UTF8.self)
        let interpreter = text.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }
        // A CRLF file's interpreter is `/bin/bash\r`, which does not exist.
        if interpreter.isEmpty || !FileManager.default.isExecutableFile(atPath: String(interpreter)) {
            return "fork/exec \(relative): no such file or directory"
        }
        return nil
    }

    public func run(relative: String, cwd: String, environment: [String: String], port: String) -> Result {
        let absolute = cwd + "/" + relative
        normalise(absolute)
        if let failure = Self.execFailure(absolute, relative: relative) { return .failed(detail: failure, output: nil) }
        let outcome = execute([relative], cwd: cwd, environment: environment, port: port)
        if outcome.status != 0 {
            return .failed(detail: "exit status \(outcome.status). Stderr:\(outcome.stderr)", output: outcome)
        }
        return .succeeded(outcome)
    }

    public func execute(_ command: [String], cwd: String, environment: [String: String], port: String) -> ProcessOutcome
    {
        var env = environment
        env["HOME"] = "/root"
        env["PATH"] = Self.path
        env["PORT"] = port
        let arguments = sandbox.arguments(cwd: cwd, environment: env, command: command)
        let out = sandbox.directory + "/requests/out.\(UUID().uuidString)"
        let err = out + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let outFD = ChildProcess.appendFile(out), errFD = ChildProcess.appendFile(err),
            inFD = ChildProcess.devNull(write: false)
        defer { for fd in [outFD, errFD, inFD] where fd >= 0 { close(fd) } }
        guard outFD >= 0, errFD >= 0, inFD >= 0 else {
            return ProcessOutcome(
                status: 127, stdout: "", stderr: "cannot create the output files: \(String(cString: strerror(errno)))")
        }
        let child: ChildProcess
        do {
            // The sandbox script sets the hook's environment itself.
            child = try ChildProcess.spawn(
                arguments[0], Array(arguments.dropFirst()), environment: [:], stdin: inFD, stdout: outFD, stderr: errFD)
        } catch {
            return ProcessOutcome(status: 127, stdout: "", stderr: "cannot start the sandbox: \(error)")
        }
        // A hook that never ends would stall the whole run; Beanstalk's own command timeout
        // is 600 s by default (aws:elasticbeanstalk:command Timeout).
        let watchdog = DispatchWorkItem { child.signal(SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let status = child.wait()
        watchdog.cancel()
        let stdout = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        return ProcessOutcome(status: status, stdout: stdout, stderr: stderr)
    }
}
