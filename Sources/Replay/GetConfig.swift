import Foundation

/// `/opt/elasticbeanstalk/bin/get-config` for one instance. The engine writes every answer the
/// tool can give into `DIR/data/` before hooks run, and a POSIX `sh` script that picks the
/// right file — so the tool needs nothing at run time and hooks call it by its absolute path
/// (the sandbox mounts `DIR` at `/opt/elasticbeanstalk`).
///
/// Output rules (EB guide, "Platform script tools"): objects as compact one-line JSON (or YAML
/// with `--output YAML`, which must precede the command), a single value (`-k`) as the raw
/// string with a newline. A missing key prints nothing and exits 0 [U: undocumented].
public struct GetConfigTool {
    public var environment: [String: String]
    public var container: [String: String]
    public var optionSettings: [String: [String: String]]
    public var platformConfig: [String: [String: String]]

    public static func container(environmentName: String, port: String) -> [String: String] {
        [
            "common_log_list": "[\"/var/log/eb-engine.log\",\"/var/log/eb-hooks.log\"]",
            "default_log_list": "[\"/var/log/eb-engine.log\",\"/var/log/eb-hooks.log\"]",
            "environment_name": environmentName, "instance_port": port,
            "log_group_name_prefix": "/aws/elasticbeanstalk",
            "proxy_server": "nginx", "static_files": "[\"\"]", "xray_enabled": "false",
        ]
    }

    public static func platformConfig(port: String) -> [String: [String: String]] {
        [
            "GeneralConfig": [
                "AppUser": "webapp", "AppDeployDir": "/var/app/current/", "AppStagingDir": "/var/app/staging/",
                "ProxyServer": "nginx", "DefaultInstancePort": port,
            ],
            "PlatformSpecificConfig": [:],
        ]
    }

    /// Writes `bin/get-config` and its data under `directory` (the future /opt/elasticbeanstalk).
    public func install(in directory: String) throws {
        let fm = FileManager.default
        let data = directory + "/data"
        try? fm.removeItem(atPath: data)
        for command in ["environment", "container", "optionsettings", "platformconfig"] {
            try fm.createDirectory(atPath: "\(data)/\(command)/keys", withIntermediateDirectories: true)
        }
        try fm.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        func put(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(data)/\(path)"))
        }
        func putKeys(_ command: String, _ values: [String: String]) throws {
            for (key, value) in values where Self.isSafeFileName(key) {
                try put("\(command)/keys/\(key)", value + "\n")
            }
        }
        try put("environment/JSON", Self.json(environment) + "\n")
        try put("environment/YAML", Self.yaml(environment))
        try putKeys("environment", environment)
        try put("container/JSON", Self.json(container) + "\n")
        try put("container/YAML", Self.yaml(container))
        try putKeys("container", container)
        try put("optionsettings/JSON", Self.nestedJSON(optionSettings) + "\n")
        try put("optionsettings/YAML", Self.nestedYAML(optionSettings))
        for (namespace, options) in optionSettings {
            for (name, value) in options
            where Self.isSafeFileName(name) && Self.isSafeFileName(namespace.replacingOccurrences(of: ":", with: "_")) {
                try put(
                    "optionsettings/keys/\(namespace.replacingOccurrences(of: ":", with: "_"))__\(name)", value + "\n")
            }
        }
        try put("platformconfig/JSON", Self.nestedJSON(platformConfig) + "\n")
        try put("platformconfig/YAML", Self.nestedYAML(platformConfig))
        for (_, values) in platformConfig { try putKeys("platformconfig", values) }
        let script = directory + "/bin/get-config"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
    }

    static func isSafeFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    static func quote(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }

    static func json(_ values: [String: String]) -> String {
        "{" + values.keys.sorted().map { "\(quote($0)):\(quote(values[$0]!))" }.joined(separator: ",") + "}"
    }

    static func nestedJSON(_ values: [String: [String: String]]) -> String {
        "{" + values.keys.sorted().map { "\(quote($0)):\(json(values[$0]!))" }.joined(separator: ",") + "}"
    }

    static func yaml(_ values: [String: String], indent: String = "") -> String {
        values.keys.sorted().map { "\(indent)\($0): \(quote(values[$0]!))\n" }.joined()
    }

    static func nestedYAML(_ values: [String: [String: String]]) -> String {
        values.keys.sorted().map { key in
            values[key]!.isEmpty ? "\(key): {}\n" : "\(key):\n" + yaml(values[key]!, indent: "  ")
        }.joined()
    }

    /// The tool itself. Usage errors follow cobra's shape (the real tool is a Go binary).
    static let script = #"""
        #!/bin/sh
        # get-config for an emulated Elastic Beanstalk instance (generated by ebauth).
        DATA="$(dirname "$0")/../data"
        FORMAT=JSON
        COMMAND=
        KEY=
        NAMESPACE=
        OPTION=
        while [ $# -gt 0 ]; do
          case "$1" in
            --output) FORMAT="$2"; shift 2 ;;
            --output=*) FORMAT="${1#--output=}"; shift ;;
            -k|--key) KEY="$2"; shift 2 ;;
            --key=*) KEY="${1#--key=}"; shift ;;
            -n|--namespace) NAMESPACE="$2"; shift 2 ;;
            -o|--option-name) OPTION="$2"; shift 2 ;;
            -*) echo "Error: unknown shorthand flag: '${1#-}' in $1" >&2; exit 1 ;;
            *) if [ -z "$COMMAND" ]; then COMMAND="$1"; shift; else echo "Error: unknown command \"$1\" for \"get-config\"" >&2; exit 1; fi ;;
          esac
        done
        case "$FORMAT" in JSON|json) FORMAT=JSON ;; YAML|yaml) FORMAT=YAML ;; *) echo "Error: invalid output format $FORMAT" >&2; exit 1 ;; esac
        case "$COMMAND" in
          environment|container|platformconfig)
            if [ -n "$KEY" ]; then
              case "$KEY" in */*|.|..) exit 0 ;; esac
              [ -f "$DATA/$COMMAND/keys/$KEY" ] && cat "$DATA/$COMMAND/keys/$KEY"
              exit 0
            fi
            cat "$DATA/$COMMAND/$FORMAT" ;;
          optionsettings)
            if [ -n "$NAMESPACE" ] && [ -n "$OPTION" ]; then
              F="$DATA/optionsettings/keys/$(printf '%s' "$NAMESPACE" | tr ':' '_')__$OPTION"
              case "$OPTION" in */*) exit 0 ;; esac
              [ -f "$F" ] && cat "$F"
              exit 0
            fi
            cat "$DATA/optionsettings/$FORMAT" ;;
          "") echo "Usage: get-config [command]" >&2; echo "Available Commands: addons container environment optionsettings platformconfig" >&2; exit 1 ;;
          *) echo "Error: unknown command \"$COMMAND\" for \"get-config\"" >&2; exit 1 ;;
        esac
        """#
}
