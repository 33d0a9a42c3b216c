import Foundation

/// How the ECS agent reads an auth file handed to it as `ECS_ENGINE_AUTH_TYPE=dockercfg`
/// (`agent/dockerclient/dockerauth/dockerauth.go` in aws/amazon-ecs-agent): registry keys at
/// the top level, each `{"auth": base64}`. A `config.json` document has `auths` as its only
/// "registry", so it yields nothing — the reason such files fail on the multicontainer platform.
public struct ECSAgentAuth: Sendable, Equatable {
    /// Registry key with `http://` / `https://` stripped → credential.
    public let auths: [String: DockerCredential]
    /// What the agent logs at WARN while reading the file.
    public let warnings: [String]

    /// The key the agent uses for Docker Hub.
    public static let dockerHubKey = "index.docker.io/v1/"
    static let dockerHubHosts: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io"]

    public init(dockercfg data: Data) {
        var auths: [String: DockerCredential] = [:]
        var warnings: [String] = []
        // json.Unmarshal into map[string]{Auth string}: one value of another shape fails it all.
        guard StrictJSON.validate(Array(data)) == nil,
            let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            top.values.allSatisfy({ value in
                guard let entry = value as? [String: Any] else { return false }
                return entry["auth"] == nil || entry["auth"] is String
            })
        else {
            self.auths = [:]
            self.warnings = ["Could not parse 'dockercfg' type auth config"]
            return
        }
        for key in top.keys.sorted() {
            let auth = (top[key] as? [String: Any])?["auth"] as? String ?? ""
            guard let bytes = try? GoBase64.decode(auth) else {
                warnings.append("Malformed auth data for registry \(key)")
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                warnings.append("Malformed auth data for registry \(key); must contain ':'")
                continue
            }
            auths[Self.stripScheme(key)] = DockerCredential(
                username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        }
        self.auths = auths
        self.warnings = warnings
    }

    /// `GetAuthconfig`: Docker Hub images use the Hub key; others the longest key whose host
    /// matches and that prefixes the image (so `registry/namespace` can override `registry`).
    public func credentials(forImage image: String) -> DockerCredential? {
        let repository = Self.repository(of: image)
        let index = Self.indexName(of: repository)
        if Self.dockerHubHosts.contains(index) { return auths[Self.dockerHubKey] }
        var longest = ""
        if auths[index] != nil { longest = index }
        for key in auths.keys.sorted() {
            let host = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? key
            guard host == index else { continue }
            if longest.isEmpty {
                longest = key
            } else if key.count > longest.count && image.hasPrefix(key) {
                longest = key
            }
        }
        return longest.isEmpty ? nil : auths[longest]
    }

    static func stripScheme(_ key: String) -> String {
        if key.hasPrefix("http://") { return String(key.dropFirst("http://".count)) }
        if key.hasPrefix("https://") { return String(key.dropFirst("https://".count)) }
        return key
    }

    /// `utils.ParseRepositoryTag`: drops `@digest`, and a `:tag` after the last `/`.
    static func repository(of image: String) -> String {
        if let at = image.firstIndex(of: "@") { return String(image[..<at]) }
        guard let colon = image.lastIndex(of: ":") else { return image }
        if image[image.index(after: colon)...].contains("/") { return image }
        return String(image[..<colon])
    }

    /// docker 1.8's `splitReposName`, which the agent copied.
    static func indexName(of repository: String) -> String {
        let parts = repository.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 || (!parts[0].contains(".") && !parts[0].contains(":") && parts[0] != "localhost") {
            return "docker.io"
        }
        return String(parts[0])
    }
}
