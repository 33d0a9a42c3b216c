import Foundation

/// A docker auth file as uploaded to S3 for Beanstalk: the legacy `.dockercfg` (registry keys at
/// the top level) or `config.json` (registries under `auths`, possibly `credsStore` /
/// `credHelpers`). Loaded with the rules of docker's `configfile` package.
public struct DockerAuthFile: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable {
        /// Docker ≤ 1.6: `{"https://index.docker.io/v1/": {"auth": "…", "email": "…"}}`.
        case dockercfg
        /// Docker ≥ 1.7: `{"auths": {"quay.io": {"auth": "…"}}}`.
        case configJSON = "config.json"
    }

    /// Docker Hub's key, the legacy index URL (`registry.IndexServer`).
    public static let dockerHubKey = "https://index.docker.io/v1/"

    public let format: Format
    /// Registry key as written → entry, after docker decoded each `auth`.
    public let auths: [String: DockerAuthEntry]
    public let credsStore: String?
    public let credHelpers: [String: String]

    public init(
        format: Format, auths: [String: DockerAuthEntry], credsStore: String? = nil, credHelpers: [String: String] = [:]
    ) {
        self.format = format
        self.auths = auths
        self.credsStore = credsStore
        self.credHelpers = credHelpers
    }

    static let configJSONKeys: Set<String> = [
        "auths", "credsStore", "credHelpers", "HttpHeaders", "psFormat", "imagesFormat", "detachKeys",
        "currentContext", "proxies", "experimental", "plugins", "aliases", "features", "kubernetes",
    ]

    public static func parse(_ data: Data) throws(DockerAuthFileError) -> DockerAuthFile {
        // docker reads the file with Go's strict decoder; Foundation alone would accept more.
        guard StrictJSON.validate(Array(data)) == nil,
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else {
            return try parseLegacyText(data)
        }
        guard let top = object as? [String: Any] else { throw .notJSON }
        if !Set(top.keys).isDisjoint(with: configJSONKeys) {
            var auths: [String: DockerAuthEntry] = [:]
            for (key, value) in (top["auths"] as? [String: Any]) ?? [:] {
                let fields = value as? [String: Any] ?? [:]
                var entry = DockerAuthEntry(fields: fields)
                // configfile.LoadFromReader: only a non-empty `auth` replaces user and password.
                if let auth = fields["auth"] as? String, !auth.isEmpty {
                    (entry.username, entry.password) = try decodeAuth(auth, key: key)
                }
                auths[key] = entry
            }
            let helpers = (top["credHelpers"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
            return DockerAuthFile(
                format: .configJSON, auths: auths, credsStore: top["credsStore"] as? String, credHelpers: helpers)
        }
        var auths: [String: DockerAuthEntry] = [:]
        for (key, value) in top {
            let fields = value as? [String: Any] ?? [:]
            var entry = DockerAuthEntry(fields: fields)
            // configfile.LegacyLoadFromReader decodes `auth` unconditionally: separate
            // username/password fields do not survive in a legacy file.
            (entry.username, entry.password) = try decodeAuth(fields["auth"] as? String ?? "", key: key)
            auths[key] = entry
        }
        return DockerAuthFile(format: .dockercfg, auths: auths)
    }

    /// The pre-JSON `.dockercfg`: `auth = <base64>` on the first line, `email = …` on the second.
    private static func parseLegacyText(_ data: Data) throws(DockerAuthFileError) -> DockerAuthFile {
        guard let text = String(data: data, encoding: .utf8) else { throw .notJSON }
        let lines = text.components(separatedBy: "\n")
        if lines.count < 2 { throw .emptyLegacyFile }
        let first = lines[0].components(separatedBy: " = ")
        guard first.count == 2 else { throw .invalidLegacyFile }
        var entry = DockerAuthEntry()
        (entry.username, entry.password) = try decodeAuth(first[1], key: dockerHubKey)
        return DockerAuthFile(format: .dockercfg, auths: [dockerHubKey: entry])
    }

    /// docker's `decodeAuth`: base64 of `user:password`, user required, NULs trimmed.
    static func decodeAuth(_ auth: String, key: String) throws(DockerAuthFileError) -> (String?, String?) {
        if auth.isEmpty { return (nil, nil) }
        let bytes: [UInt8]
        do {
            bytes = try GoBase64.decode(auth)
        } catch {
            throw .invalidBase64(key: key, offset: error.offset)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { throw .invalidAuth(key: key) }
        let password = text[text.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: "\0"))
        return (String(text[..<colon]), password)
    }
}

/// One registry's entry in an auth file. Printing it never shows the password or tokens.
public struct DockerAuthEntry: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String?
    public var password: String?
    public var email: String?
    public var identityToken: String?
    public var registryToken: String?

    public init(username: String? = nil, password: String? = nil, email: String? = nil, identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.email = email
        self.identityToken = identityToken
    }

    init(fields: [String: Any]) {
        self.username = fields["username"] as? String
        self.password = fields["password"] as? String
        self.email = fields["email"] as? String
        self.identityToken = fields["identitytoken"] as? String
        self.registryToken = fields["registrytoken"] as? String
    }

    public var description: String {
        "entry(user: \(username ?? "none"), password: \(password?.isEmpty == false ? "set" : "none"), "
            + "identity token: \(identityToken?.isEmpty == false ? "set" : "none"))"
    }

    public var debugDescription: String { description }

    /// What a registry login can use: a user and password, or an identity token.
    var credential: DockerCredential? {
        if let identityToken, !identityToken.isEmpty {
            return DockerCredential(username: username ?? "", password: password ?? "", identityToken: identityToken)
        }
        guard let username, !username.isEmpty, let password, !password.isEmpty else { return nil }
        return DockerCredential(username: username, password: password)
    }
}
