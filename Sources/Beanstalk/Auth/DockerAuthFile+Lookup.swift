/// Credential lookup exactly as docker does it for a pull (docker/cli `configfile` and
/// `credentials` packages; moby `registry.ResolveAuthConfig`).
extension DockerAuthFile {
    /// The config key docker uses for an image's registry: Docker Hub (`docker.io`, and
    /// `index.docker.io`, which docker normalises to it) uses `https://index.docker.io/v1/`;
    /// any other registry its host with port. Note that docker does not treat
    /// `registry-1.docker.io` as Docker Hub (its own TODO in `normalizeIndexName`); the ECS
    /// agent does — see `ecsAgentCredentials(forImage:)`.
    public static func configKey(forRegistry domain: String) -> String {
        domain == "docker.io" || domain == "index.docker.io" ? dockerHubKey : domain
    }

    /// Looks up credentials for an image's registry host (`ImageReference.domain`).
    public func credentials(forRegistry domain: String) -> CredentialLookup {
        let key = Self.configKey(forRegistry: domain)
        // GetCredentialsStore: a per-registry helper, else the default store, else the file.
        if let helper = credHelpers[key], !helper.isEmpty { return .missing(.credentialHelper(name: helper)) }
        if let store = credsStore, !store.isEmpty { return .missing(.credentialHelper(name: store)) }
        if let entry = auths[key] {
            guard let credential = entry.credential else { return .missing(.emptyEntry(key: key)) }
            return .found(credential, key: key)
        }
        // "Maybe they have a legacy config file": compare each key reduced to its host.
        if key != Self.dockerHubKey {
            for candidate in auths.keys.sorted() where Self.convertToHostname(candidate) == key {
                guard let credential = auths[candidate]?.credential else {
                    return .missing(.emptyEntry(key: candidate))
                }
                return .found(credential, key: candidate)
            }
        }
        return .missing(.noEntry(lookedUp: key, keys: auths.keys.sorted()))
    }

    public func credentials(for image: ImageReference) -> CredentialLookup {
        credentials(forRegistry: image.domain)
    }

    /// `credentials.ConvertToHostname`: drops a scheme and any path, keeps the port.
    public static func convertToHostname(_ value: String) -> String {
        var text = Substring(value)
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let hostPort = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let withoutUser = hostPort.split(separator: "@").last.map(Substring.init) ?? hostPort
            if !withoutUser.isEmpty { return String(withoutUser) }
            text = rest
        }
        return String(text.prefix { $0 != "/" })
    }

    /// The error docker reports when a credential helper binary is absent
    /// (docker-credential-helpers `client.Get` wrapping the exec error).
    public static func helperMissingMessage(helper: String) -> String {
        "error getting credentials - err: exec: \"docker-credential-\(helper)\": executable file not found in $PATH, out: ``"
    }
}
