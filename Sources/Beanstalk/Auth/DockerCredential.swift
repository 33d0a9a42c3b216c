/// A user name and secret found for a registry. The secret never appears in `description`.
public struct DockerCredential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let username: String
    public let password: String
    /// OAuth refresh token some registries return instead of keeping the password.
    public let identityToken: String?

    public init(username: String, password: String, identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
    }

    public var description: String { "credentials for user \(username)" }
    public var debugDescription: String { description }
}

/// The result of looking up a registry in an auth file.
public enum CredentialLookup: Sendable, Equatable {
    /// Credentials found under `key` (the key as written in the file).
    case found(DockerCredential, key: String)
    case missing(MissingCredentials)

    public var credential: DockerCredential? {
        if case .found(let credential, _) = self { return credential }
        return nil
    }
}

/// Why a lookup found nothing usable — the root cause of a later `no basic auth credentials`.
public enum MissingCredentials: Sendable, Equatable, CustomStringConvertible {
    /// No key matches the registry (for example a file written by `docker login` with no server,
    /// keyed `https://index.docker.io/v1/`, used for `quay.io`).
    case noEntry(lookedUp: String, keys: [String])
    /// A key matches but holds no user and password (Docker Desktop writes `"auths": {"host": {}}`).
    case emptyEntry(key: String)
    /// The file delegates to a credential helper (`credsStore` / `credHelpers`); helpers such as
    /// `docker-credential-desktop` do not exist on an instance, so docker's lookup fails.
    case credentialHelper(name: String)
    /// The file could not be read at all.
    case unreadable(DockerAuthFileError)

    public var description: String {
        switch self {
        case .noEntry(let key, let keys):
            keys.isEmpty
                ? "the auth file has no registry entries, so nothing matches \(key)"
                : "the auth file has entries for \(keys.joined(separator: ", ")) but none for \(key)"
        case .emptyEntry(let key):
            "the auth file's entry for \(key) holds no user name or password (a credential store kept them)"
        case .credentialHelper(let name):
            "the auth file delegates to the credential helper docker-credential-\(name), which is not on the instance: "
                + DockerAuthFile.helperMissingMessage(helper: name)
        case .unreadable(let error):
            "the auth file cannot be read: \(error.message)"
        }
    }
}
