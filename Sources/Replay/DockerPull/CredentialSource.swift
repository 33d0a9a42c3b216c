import Beanstalk

/// What a credential source gave for one image: the credential docker sends, or why there is
/// none (the diagnosis quotes it).
struct PullCredentials: Sendable {
    var credential: DockerCredential?
    /// Why no credential was found; empty when the source has nothing to say.
    var why = ""
    /// The AWS request IAM refused on the way, whose decision the failure links.
    var deniedRequest: String?
}

/// One place the credential for a pull comes from: the auth file Dockerrun.aws.json names, an
/// ECR login with the instance profile, the config.json a prebuild hook's `docker login`
/// wrote, or none.
protocol CredentialSource {
    func credentials(for image: ImageReference, log: inout EngineLog) throws -> PullCredentials
}

extension PullCredentials {
    /// Consults the sources in order until one has a credential; the first source that says
    /// why it had none explains the outcome.
    static func lookUp(
        _ image: ImageReference, in sources: [any CredentialSource], log: inout EngineLog
    ) throws -> PullCredentials {
        var combined = PullCredentials()
        for source in sources {
            let found = try source.credentials(for: image, log: &log)
            if combined.why.isEmpty { combined.why = found.why }
            combined.deniedRequest = combined.deniedRequest ?? found.deniedRequest
            if let credential = found.credential {
                combined.credential = credential
                break
            }
        }
        return combined
    }

    /// What a lookup in a docker auth file gives; `prefix` names the file in the reason.
    init(_ lookup: CredentialLookup, prefix: String = "") {
        switch lookup {
        case .found(let credential, _): self.init(credential: credential)
        case .missing(let missing): self.init(why: prefix + missing.description)
        }
    }
}
