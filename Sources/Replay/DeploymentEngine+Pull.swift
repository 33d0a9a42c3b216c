import Beanstalk
import Foundation

extension DeploymentEngine {
    /// The Docker platform's pull: the S3 auth file (instance credentials, environment region),
    /// then each image with the credential its sources give (`credentialSources(for:)`).
    func pullImages(command: String) throws {
        guard let staged else { return }
        report.log.info("Executing instruction: DockerPull")
        try instruction("DockerPull", command: command) {
            let app = try application(staged)
            let instance = try instanceClient()
            let authFile = try app.authentication.map {
                try DockerrunAuthenticationFile.download(
                    $0, instance: instance, role: scenario.instanceProfile.role, log: &report.log)
            }
            for pull in app.pulls {
                let sources = credentialSources(for: pull.image, instance: instance, authFile: authFile)
                try pullImage(pull.image, sources: sources)
            }
        }
    }

    /// What the platform runs and pulls: Dockerrun.aws.json, a Dockerfile or a compose file.
    func application(_ staged: StagedBundle) throws -> DockerApplication {
        do {
            return try DockerApplication.load(from: staged, platform: scenario.platform, environment: properties)
        } catch {
            throw DeploymentFailure(
                .bundle, .malformed, error: error.message, event: error.message, diagnosis: Diagnosis.application(error)
            )
        }
    }

    /// The instance's own AWS client: role credentials from the metadata service.
    func instanceClient() throws -> AWSClient {
        do {
            let credentials = try InstanceMetadataClient(http: http, instanceID: world.instanceID).roleCredentials()
            return AWSClient(http: http, credentials: credentials, region: scenario.region)
        } catch {
            throw DeploymentFailure(
                .authentication, .noInstanceCredentials, error: "\(error)",
                diagnosis: "The instance got no role credentials from the metadata service: \(error)")
        }
    }

    /// ECR images log in with the instance profile and nothing else; other registries take
    /// the auth file, then what `docker login` left on the instance, then nothing.
    func credentialSources(
        for image: ImageReference, instance: AWSClient, authFile: DockerrunAuthenticationFile?
    ) -> [any CredentialSource] {
        if case .ecr = image.registry { return [InstanceProfileECRLogin(instance: instance)] }
        let sources: [(any CredentialSource)?] = [
            authFile, PrebuildDockerLogin(dockerConfig: sandbox.dockerConfig), AnonymousPull(),
        ]
        return sources.compactMap { $0 }
    }

    func pullImage(_ image: ImageReference, sources: [any CredentialSource]) throws {
        report.log.info("Pulling image \(image.familiar)")
        try requireRegistry(of: image)
        let found = try PullCredentials.lookUp(image, in: sources, log: &report.log)
        switch puller.pull(image, credential: found.credential) {
        case .success(let pulled):
            let fetched =
                "\(pulled.blobs) \(puller.name == "docker" ? "layers" : "blobs")"
                + (pulled.bytes > 0 ? ", \(pulled.bytes) bytes" : "")
            report.log.info("Pulled \(image.familiar) (\(pulled.manifestDigest), \(fetched), \(puller.name) puller)")
            report.pulled.append(image.familiar)
        case .failure(let failure):
            throw DeploymentFailure(
                .pull, .pullFailed, error: "failed to pull \(image.familiar): \(failure.message)",
                event: "Instance deployment failed to download the Docker image. The deployment failed. "
                    + failure.message,
                diagnosis: Diagnosis.pull(
                    failure, image: image, credentialFound: found.credential != nil, why: found.why,
                    role: scenario.instanceProfile.role, account: scenario.account),
                deniedRequest: found.deniedRequest)
        }
    }

    /// ebauth is offline: an image outside ECR pulls only from a registry the world emulates.
    func requireRegistry(of image: ImageReference) throws {
        if case .ecr = image.registry { return }
        guard !scenario.registries.contains(where: { $0.host == image.domain }) else { return }
        throw DeploymentFailure(
            .pull, .pullFailed, error: "failed to pull \(image.familiar): the world has no registry \(image.domain)",
            diagnosis: "The scenario's world has no registry for \(image.domain) (ebauth is offline and emulates only "
                + "the registries listed); add it under registries: with the image \(image.path):"
                + "\(image.manifestReference).")
    }
}
