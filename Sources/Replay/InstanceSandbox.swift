import Foundation

/// The emulated instance's private view of the file system, so customer hooks run unmodified:
/// hooks start under `unshare --mount --map-root-user` with
/// - `/opt/elasticbeanstalk` → this instance's `opt-eb/` (generated `bin/get-config`), the rest
///   of `/opt` re-mounted as it was;
/// - `/root` → this instance's home (docker writes `/root/.docker/config.json` there);
/// - `/usr/local/bin/docker` and `/usr/bin/docker` → the instance's docker front end, which
///   hands `login` to the engine and runs every other command with the real CLI.
/// Nothing outside the instance directory is written; the mounts vanish with the process.
public struct InstanceSandbox: Sendable {
    public let directory: String
    public let endpoint: String
    public let instanceID: String

    public var home: String { directory + "/root" }
    public var optEB: String { directory + "/opt-eb" }
    public var dockerConfig: String { home + "/.docker" }

    public static var realDocker: String? {
        ["/usr/local/bin/docker", "/usr/bin/docker"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether this machine lets an unprivileged process make a user and mount namespace (some
    /// container runtimes forbid it); checked once.
    public static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? Subprocess.run(
            "/usr/bin/unshare",
            ["--mount", "--map-root-user", "--propagation", "private", "/bin/sh", "-c", "mount -t tmpfs tmpfs /mnt"],
            timeout: 20)
        return probe?.succeeded ?? false
    }()

    public func prepare() throws {
        let fm = FileManager.default
        for path in [
            home, optEB + "/bin", directory + "/mnt/opt", directory + "/optview/elasticbeanstalk",
            directory + "/requests",
        ] {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        // Mount points for every other /opt entry.
        for name in (try? fm.contentsOfDirectory(atPath: "/opt")) ?? [] where name != "elasticbeanstalk" {
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: "/opt/" + name, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try? fm.createDirectory(atPath: directory + "/optview/" + name, withIntermediateDirectories: true)
            } else {
                try Data().write(to: URL(fileURLWithPath: directory + "/optview/" + name))
            }
        }
        try Data().write(to: URL(fileURLWithPath: directory + "/mnt/docker"))
        try Data(Self.setup.utf8).write(to: URL(fileURLWithPath: directory + "/sandbox.sh"))
        try Data(dockerFrontEnd.utf8).write(to: URL(fileURLWithPath: directory + "/docker"))
        chmod(directory + "/docker", 0o755)
    }

    /// argv for running `command` (already relative to `cwd`) with exactly `environment`.
    public func arguments(cwd: String, environment: [String: String], command: [String]) -> [String] {
        [
            "/usr/bin/unshare", "--mount", "--map-root-user", "--propagation", "private", "/bin/sh",
            directory + "/sandbox.sh", directory, cwd,
        ]
            + ["/usr/bin/env", "-i"] + environment.keys.sorted().map { "\($0)=\(environment[$0]!)" } + command
    }

    static let setup = #"""
        set -e
        INST="$1"; CWD="$2"; shift 2
        mount --rbind /opt "$INST/mnt/opt"
        mount --bind "$INST/optview" /opt
        for entry in "$INST/mnt/opt"/* "$INST/mnt/opt"/.[!.]*; do
          [ -e "$entry" ] || continue
          name=$(basename "$entry")
          [ "$name" = elasticbeanstalk ] && continue
          [ -e "/opt/$name" ] && mount --rbind "$entry" "/opt/$name"
        done
        mount --bind "$INST/opt-eb" /opt/elasticbeanstalk
        mount --bind "$INST/root" /root
        for d in /usr/local/bin/docker /usr/bin/docker; do
          if [ -e "$d" ]; then
            [ -s "$INST/mnt/docker" ] || mount --bind "$d" "$INST/mnt/docker" 2>/dev/null || true
            mount --bind "$INST/docker" "$d"
          fi
        done
        cd "$CWD"
        exec "$@"
        """#

    /// `docker` on the instance: `login` goes to the engine (the real CLI would dial the real
    /// registry host over HTTPS); everything else is the real docker CLI.
    var dockerFrontEnd: String {
        #"""
        #!/bin/sh
        INST='\#(directory)'
        if [ "$1" = login ]; then
          shift
          REQ=$(mktemp -d "$INST/requests/login.XXXXXX")
          for a in "$@"; do printf '%s\0' "$a"; done > "$REQ/args"
          case " $* " in *" --password-stdin "*) cat > "$REQ/stdin" ;; esac
          curl -s -o /dev/null --data-binary "@$REQ/args" '\#(endpoint)/_ebauth/replay/\#(instanceID)/docker-login?request='"$(basename "$REQ")"
          [ -f "$REQ/stdout" ] && cat "$REQ/stdout"
          [ -f "$REQ/stderr" ] && cat "$REQ/stderr" >&2
          STATUS=$(cat "$REQ/status" 2>/dev/null || echo 1)
          rm -rf "$REQ"
          exit "$STATUS"
        fi
        exec "$INST/mnt/docker" "$@"
        """#
    }
}
