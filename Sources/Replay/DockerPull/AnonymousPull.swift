import Beanstalk

/// No credential source: docker pulls anonymously. Consulted last, it only explains why.
struct AnonymousPull: CredentialSource {
    func credentials(for image: ImageReference, log: inout EngineLog) -> PullCredentials {
        PullCredentials(why: "no docker login ran on the instance and the Dockerrun names no auth file")
    }
}
