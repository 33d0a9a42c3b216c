import Beanstalk
import Foundation

/// The auth file `Authentication` in Dockerrun.aws.json names: downloaded from S3 with the
/// instance's role credentials before any pull, in the environment's region, then consulted
/// for every image that is not in ECR.
struct DockerrunAuthenticationFile: CredentialSource {
    let file: DockerAuthFile

    static func download(
        _ location: AuthenticationLocation, instance: AWSClient, role: String, log: inout EngineLog
    ) throws -> DockerrunAuthenticationFile {
        let key = location.key ?? ""
        let event = "Failed to download authentication credentials \(key) from \(location.bucket)"
        let reply: HTTPReply
        do {
            reply = try instance.s3("GET", bucket: location.bucket, key: key, operation: "GetObject")
        } catch let error as AWSCallError {
            if error.isNotImplemented {
                throw DeploymentFailure(
                    .authentication, .needs(service: "S3"), error: "S3 not available", event: event,
                    diagnosis: "needs S3: this build of ebauth does not serve s3:GetObject.")
            }
            throw DeploymentFailure(
                .authentication, error, error: "\(event): \(error)", event: event,
                diagnosis: Diagnosis.authFile(error, bucket: location.bucket, key: key, role: role))
        }
        log.info("Downloaded authentication credentials \(key) from \(location.bucket)")
        do {
            return DockerrunAuthenticationFile(file: try DockerAuthFile.parse(Data(reply.body)))
        } catch {
            throw DeploymentFailure(
                .authentication, .malformed, error: error.message, event: error.message,
                diagnosis: "The auth file s3://\(location.bucket)/\(key) is not a docker auth file "
                    + "(\(error.message)); upload the config.json that docker login writes.")
        }
    }

    func credentials(for image: ImageReference, log: inout EngineLog) -> PullCredentials {
        PullCredentials(file.credentials(for: image))
    }
}
