/// An image reference normalised as docker normalises it (`ParseNormalizedNamed` in
/// `github.com/distribution/reference`): `nginx` is `docker.io/library/nginx:latest`,
/// `johndoe/app` is `docker.io/johndoe/app:latest`, `quay.io/x/y:tag` keeps its host.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// Registry host as docker names it, with port: `docker.io`, `quay.io`, `localhost:5000`.
    public let domain: String
    /// Repository path: `library/nginx`, `johndoe/private-image`.
    public let path: String
    public let tag: String?
    public let digest: String?

    public init(domain: String, path: String, tag: String?, digest: String?) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// `domain/path`.
    public var name: String { domain + "/" + path }

    /// The reference docker pulls: `:latest` is added when there is neither tag nor digest.
    public var canonical: String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        if tag == nil && digest == nil { text += ":latest" }
        return text
    }

    public var description: String { canonical }

    /// The short form `docker images` shows: `nginx:latest`, `johndoe/app:1`.
    public var familiar: String {
        var short = name
        if domain == "docker.io" {
            short = path
            if path.hasPrefix("library/"), !path.dropFirst("library/".count).contains("/") {
                short = String(path.dropFirst("library/".count))
            }
        }
        if let tag { short += ":" + tag }
        if let digest { short += "@" + digest }
        if tag == nil && digest == nil { short += ":latest" }
        return short
    }

    /// What the manifest request names: the digest when there is one, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    public var registry: Registry { Registry(domain: domain) }

    /// Parses like `docker pull` does.
    public static func parse(_ text: String) throws(ImageReferenceError) -> ImageReference {
        if ReferenceGrammar.match(ReferenceGrammar.identifier, text) != nil {
            throw .hexIdentifier(text)
        }
        let (domain, remainder) = splitDockerDomain(text)
        let remote =
            remainder.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            ?? remainder
        if remote.lowercased() != remote {
            throw .uppercaseRepository(remote: remote)
        }
        return try parseCanonical(domain + "/" + remainder)
    }

    /// `reference.Parse`: the full grammar, no normalisation.
    static func parseCanonical(_ text: String) throws(ImageReferenceError) -> ImageReference {
        if text.isEmpty { throw .nameEmpty }
        guard let groups = ReferenceGrammar.match(ReferenceGrammar.reference, text) else {
            if text.lowercased() != text, ReferenceGrammar.match(ReferenceGrammar.reference, text.lowercased()) != nil {
                throw .nameContainsUppercase
            }
            throw .invalidFormat
        }
        let fullName = groups[1] ?? ""
        var domain = ""
        var path = fullName
        if let nameGroups = ReferenceGrammar.match(ReferenceGrammar.anchoredName, fullName) {
            domain = nameGroups[1] ?? ""
            path = nameGroups[2] ?? fullName
        }
        if path.count > 255 { throw .nameTooLong }
        let digest = groups[3]
        if let digest { try validateDigest(digest) }
        return ImageReference(domain: domain, path: path, tag: groups[2], digest: digest)
    }

    /// `splitDockerDomain` of distribution/reference v0.6.
    private static func splitDockerDomain(_ name: String) -> (String, String) {
        guard let slash = name.firstIndex(of: "/") else {
            return ("docker.io", "library/" + name)
        }
        let maybeDomain = String(name[..<slash])
        let maybeRemote = String(name[name.index(after: slash)...])
        var domain: String
        var remote: String
        if maybeDomain == "localhost" {
            (domain, remote) = (maybeDomain, maybeRemote)
        } else if maybeDomain == "index.docker.io" {
            (domain, remote) = ("docker.io", maybeRemote)
        } else if maybeDomain.contains(".") || maybeDomain.contains(":") {
            (domain, remote) = (maybeDomain, maybeRemote)
        } else if maybeDomain.lowercased() != maybeDomain {
            // Namespaces cannot be uppercase, so an uppercase first part must be a host.
            (domain, remote) = (maybeDomain, maybeRemote)
        } else {
            (domain, remote) = ("docker.io", name)
        }
        if domain == "docker.io" && !remote.contains("/") {
            remote = "library/" + remote
        }
        return (domain, remote)
    }

    /// `digest.Parse` of go-digest, for the algorithms docker registers.
    private static func validateDigest(_ digest: String) throws(ImageReferenceError) {
        guard let colon = digest.firstIndex(of: ":"), colon != digest.startIndex,
            digest.index(after: colon) != digest.endIndex
        else { throw .digestInvalidFormat }
        let algorithm = digest[..<colon]
        let encoded = digest[digest.index(after: colon)...]
        let length: Int
        switch algorithm {
        case "sha256": length = 64
        case "sha384": length = 96
        case "sha512": length = 128
        default: throw .digestUnsupported
        }
        guard encoded.count == length else { throw .digestInvalidLength }
        guard encoded.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) else {
            throw .digestInvalidFormat
        }
    }
}
