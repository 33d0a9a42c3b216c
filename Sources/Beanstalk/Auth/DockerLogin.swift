import Foundation

/// Writes auth files the way `docker login` and the older docker releases wrote them, so
/// scenarios can upload exactly what a customer uploads.
public enum DockerLogin {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The existing file sends credentials to a helper that is not installed.
        case credentialHelper(name: String)
        case unreadable(DockerAuthFileError)

        public var description: String {
            switch self {
            case .credentialHelper(let name):
                "Error saving credentials: error storing credentials - err: exec: \"docker-credential-\(name)\": "
                    + "executable file not found in $PATH, out: ``"
            case .unreadable(let error): error.message
            }
        }
    }

    /// The key `docker login [SERVER]` stores under: Docker Hub's index URL when no server (or
    /// `docker.io`) is given, else the server reduced to its host (`https://quay.io/v2/` →
    /// `quay.io`). docker/cli `runLogin` and `GetDefaultAuthConfig`.
    public static func serverKey(_ server: String?) -> String {
        guard let server, !server.isEmpty, server != "docker.io" else { return DockerAuthFile.dockerHubKey }
        if server == DockerAuthFile.dockerHubKey { return server }
        return DockerAuthFile.convertToHostname(server)
    }

    /// `~/.docker/config.json` after a successful `docker login`: the existing file's entries
    /// kept, this server's replaced, `json.MarshalIndent(…, "", "\t")` layout, no final newline.
    public static func configJSON(
        server: String?, username: String, password: String, existing: Data? = nil
    ) throws(Failure) -> Data {
        var auths: [String: String] = [:]
        var credsStore: String?
        var credHelpers: [String: String] = [:]
        if let existing, !existing.isEmpty {
            let file: DockerAuthFile
            do {
                file = try DockerAuthFile.parse(existing)
            } catch {
                throw .unreadable(error)
            }
            credsStore = file.credsStore
            credHelpers = file.credHelpers
            for (key, entry) in file.auths {
                auths[key] = encodeAuth(username: entry.username ?? "", password: entry.password ?? "")
            }
        }
        let key = serverKey(server)
        if let helper = credHelpers[key] ?? credsStore, !helper.isEmpty {
            throw .credentialHelper(name: helper)
        }
        auths[key] = encodeAuth(username: username, password: password)
        return render(auths: auths, credsStore: credsStore, credHelpers: credHelpers)
    }

    /// The layout of docker's `ConfigFile.SaveToWriter`: `json.MarshalIndent(…, "", "\t")`,
    /// fields in struct order, map keys sorted, empty entries as `{}`, no final newline.
    static func render(auths: [String: String], credsStore: String?, credHelpers: [String: String]) -> Data {
        var text = "{\n\t\"auths\": {"
        let keys = auths.keys.sorted()
        for (index, key) in keys.enumerated() {
            let auth = auths[key] ?? ""
            text += "\n\t\t\(goJSONString(key)): {"
            text += auth.isEmpty ? "}" : "\n\t\t\t\"auth\": \(goJSONString(auth))\n\t\t}"
            if index < keys.count - 1 { text += "," }
        }
        text += keys.isEmpty ? "}" : "\n\t}"
        if let credsStore, !credsStore.isEmpty { text += ",\n\t\"credsStore\": \(goJSONString(credsStore))" }
        if !credHelpers.isEmpty {
            text += ",\n\t\"credHelpers\": {"
            let helperKeys = credHelpers.keys.sorted()
            for (index, key) in helperKeys.enumerated() {
                text += "\n\t\t\(goJSONString(key)): \(goJSONString(credHelpers[key] ?? ""))"
                if index < helperKeys.count - 1 { text += "," }
            }
            text += "\n\t}"
        }
        text += "\n}"
        return Data(text.utf8)
    }

    /// What Docker Desktop leaves in `config.json` after a login: the registry listed with an
    /// empty entry and the secret in the named credential store.
    public static func credentialStoreConfig(server: String?, credsStore: String) -> Data {
        render(auths: [serverKey(server): ""], credsStore: credsStore, credHelpers: [:])
    }

    /// A legacy `.dockercfg` as the EB guide shows it: registry keys at the top level, each with
    /// `auth` and (optionally) `email`.
    public static func dockercfg(server: String?, username: String, password: String, email: String? = nil) -> Data {
        let key = serverKey(server)
        var text =
            "{\n\t\(goJSONString(key)): {\n\t\t\"auth\": \(goJSONString(encodeAuth(username: username, password: password)))"
        if let email { text += ",\n\t\t\"email\": \(goJSONString(email))" }
        text += "\n\t}\n}"
        return Data(text.utf8)
    }

    /// docker's `encodeAuth`: base64 of `user:password`; empty when both are empty.
    public static func encodeAuth(username: String, password: String) -> String {
        if username.isEmpty && password.isEmpty { return "" }
        return GoBase64.encode(Array("\(username):\(password)".utf8))
    }

    /// A JSON string as Go's encoder writes it (HTML-sensitive characters escaped).
    static func goJSONString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
