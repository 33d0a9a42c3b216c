import Beanstalk
import Foundation

/// `/root/.docker/config.json` on the instance, as a prebuild hook's `docker login` wrote it:
/// docker reads it at pull time when nothing else gave a credential.
struct PrebuildDockerLogin: CredentialSource {
    /// The instance's `/root/.docker`.
    let dockerConfig: String

    func credentials(for image: ImageReference, log: inout EngineLog) -> PullCredentials {
        // A missing or unreadable file counts as no login; the replay does not model docker's
        // own error for a broken config.json.
        guard let data = FileManager.default.contents(atPath: dockerConfig + "/config.json"),
            let file = try? DockerAuthFile.parse(data)
        else { return PullCredentials() }
        return PullCredentials(file.credentials(for: image), prefix: "/root/.docker/config.json: ")
    }
}
