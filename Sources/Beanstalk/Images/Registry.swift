/// What kind of registry an image's host is — decides how the platform logs in before pulling.
public enum Registry: Sendable, Hashable {
    /// Docker Hub (`docker.io`; docker maps `index.docker.io` to it when parsing a name).
    case dockerHub
    /// A private ECR registry, `ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]`. Beanstalk logs in
    /// with the instance profile, in the image's own account and region.
    case ecr(account: String, region: String)
    /// ECR Public, `public.ecr.aws`.
    case ecrPublic
    case other(host: String)

    /// The host pattern the AL1 Docker platform used to detect ECR images (`03build.sh`,
    /// `ECR_IMAGE_PATTERN`), applied to the host part only.
    public init(domain: String) {
        if domain == "docker.io" || domain == "index.docker.io" {
            self = .dockerHub
        } else if domain == "public.ecr.aws" {
            self = .ecrPublic
        } else if let (account, region) = Registry.ecrHost(domain) {
            self = .ecr(account: account, region: region)
        } else {
            self = .other(host: domain)
        }
    }

    private static func ecrHost(_ domain: String) -> (String, String)? {
        var host = Substring(domain)
        if host.hasSuffix(".amazonaws.com.cn") {
            host = host.dropLast(".amazonaws.com.cn".count)
        } else if host.hasSuffix(".amazonaws.com") {
            host = host.dropLast(".amazonaws.com".count)
        } else {
            return nil
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "dkr", parts[2] == "ecr",
            isLabel(parts[0]), isLabel(parts[3])
        else { return nil }
        return (String(parts[0]), String(parts[3]))
    }

    /// `[a-zA-Z0-9][a-zA-Z0-9_-]*`
    private static func isLabel(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The host a client actually connects to: Docker Hub's registry is `registry-1.docker.io`.
    public func pullHost(domain: String) -> String {
        self == .dockerHub ? "registry-1.docker.io" : domain
    }
}

extension ImageReference {
    /// The host the pull connects to.
    public var pullHost: String { registry.pullHost(domain: domain) }

    /// The key docker looks up in `config.json` for this image: Docker Hub's is the legacy
    /// index URL `https://index.docker.io/v1/`; every other registry's is its host
    /// (`ResolveAuthConfig` in moby's registry package, `IndexServer`).
    public var credentialKey: String {
        registry == .dockerHub ? DockerAuthFile.dockerHubKey : domain
    }
}
