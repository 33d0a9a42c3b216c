import Beanstalk
import Foundation

extension DeploymentEngine {
    /// The Docker platform's pull: the S3 auth file (instance credentials, environment region),
    /// ECR login for ECR hosts (GetAuthorizationToken in the image's region), then each image,
    /// with credentials looked up as docker looks them up.
    static func isECR(_ image: ImageReference) -> Bool {
        if case .ecr = image.registry { return true }
        return false
    }

    func pullImages(command: String) throws {
        guard let staged else { return }
        let instruction = "DockerPull"
        report.log.info("Executing instruction: \(instruction)")
        let app: DockerApplication
        do {
            app = try DockerApplication.load(from: staged, platform: scenario.platform, environment: properties)
        } catch {
            throw fail(
                .bundle, instruction: instruction, command: command, error: error.message, event: error.message,
                diagnosis: Diagnosis.application(error))
        }
        let credentials: AWSCredentials
        do {
            credentials = try InstanceMetadataClient(http: http, instanceID: world.instanceID).roleCredentials()
        } catch {
            throw fail(.authentication, instruction: instruction, command: command, error: "\(error)", diagnosis: "The instance got no role credentials from the metadata service: \(error)")
        }
        let instance = AWSClient(http: http, credentials: credentials, region: scenario.region)
        var authFile: DockerAuthFile?
        if let location = app.authentication {
            let key = location.key ?? ""
            let event = "Failed to download authentication credentials \(key) from \(location.bucket)"
            do {
                let reply = try instance.s3("GET", bucket: location.bucket, key: key, operation: "GetObject")
                report.log.info("Downloaded authentication credentials \(key) from \(location.bucket)")
                do {
                    authFile = try DockerAuthFile.parse(Data(reply.body))
                } catch {
                    throw fail(
                        .authentication, instruction: instruction, command: command, error: error.message, event: error.message,
                        diagnosis: "The auth file s3://\(location.bucket)/\(key) is not a docker auth file (\(error.message)); upload the config.json that docker login writes.")
                }
            } catch let error as AWSCallError {
                if error.isNotImplemented {
                    throw fail(.authentication, instruction: instruction, command: command, error: "S3 not available", event: event, diagnosis: "needs S3: this build of ebauth does not serve s3:GetObject.")
                }
                throw fail(
                    .authentication, instruction: instruction, command: command, error: "\(event): \(error)", event: event,
                    diagnosis: Diagnosis.authFile(error, bucket: location.bucket, key: key, role: scenario.instanceProfile.role),
                    requestID: error.isAccessDenied ? error.requestID : nil)
            }
        }
        for pull in app.pulls {
            let image = pull.image
            report.log.info("Pulling image \(image.familiar)")
            let emulated = Set(scenario.registries.map(\.host))
            if !Self.isECR(image), !emulated.contains(image.domain), !(image.domain == "docker.io" && emulated.contains("docker.io")) {
                throw fail(
                    .pull, instruction: instruction, command: command,
                    error: "failed to pull \(image.familiar): the world has no registry \(image.domain)",
                    diagnosis: "The scenario's world has no registry for \(image.domain) (ebauth is offline and emulates only the registries listed); add it under registries: with the image \(image.path):\(image.manifestReference).")
            }
            var credential: DockerCredential?
            var why = ""
            var decisionRequest: String?
            if case .ecr(let account, let region) = image.registry {
                do {
                    let answer = try instance.with(region: region).json(
                        service: "ecr", target: "AmazonEC2ContainerRegistry_V20150921", operation: "GetAuthorizationToken", body: [:])
                    if let token = ((answer["authorizationData"] as? [[String: Any]])?.first?["authorizationToken"] as? String),
                        let decoded = Data(base64Encoded: token).map({ String(decoding: $0, as: UTF8.self) }),
                        let colon = decoded.firstIndex(of: ":")
                    {
                        credential = DockerCredential(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
                        report.log.info("logged in to \(account).dkr.ecr.\(region).amazonaws.com with the instance profile")
                    }
                } catch let error as AWSCallError {
                    if error.isNotImplemented || error.code == "UnknownOperationException" {
                        throw fail(.authentication, instruction: instruction, command: command, error: "ECR not available", diagnosis: "needs ECR: this build of ebauth does not serve ecr:GetAuthorizationToken.")
                    }
                    report.log.warn("Failed to authenticate with ECR for registry '\(account)' in '\(region)': \(error)")
                    why = error.message
                    decisionRequest = error.isAccessDenied ? error.requestID : nil
                }
            } else if let authFile {
                credential = authFile.credentials(for: image).credential
                if case .missing(let missing) = authFile.credentials(for: image) { why = missing.description }
            }
            if credential == nil, !Self.isECR(image) {
                let path = sandbox.dockerConfig + "/config.json"
                if let data = FileManager.default.contents(atPath: path), let file = try? DockerAuthFile.parse(data) {
                    let lookup = file.credentials(for: image)
                    credential = lookup.credential
                    if case .missing(let missing) = lookup, why.isEmpty { why = "/root/.docker/config.json: " + missing.description }
                } else if why.isEmpty, authFile == nil {
                    why = "no docker login ran on the instance and the Dockerrun names no auth file"
                }
            }
            switch puller.pull(image, credential: credential) {
            case .success(let pulled):
                report.log.info("Pulled \(image.familiar) (\(pulled.manifestDigest), \(pulled.blobs) \(puller.name == "docker" ? "layers" : "blobs")\(pulled.bytes > 0 ? ", \(pulled.bytes) bytes" : ""), \(puller.name) puller)")
                report.pulled.append(image.familiar)
            case .failure(let failure):
                throw fail(
                    .pull, instruction: instruction, command: command, error: "failed to pull \(image.familiar): \(failure.message)",
                    event: "Instance deployment failed to download the Docker image. The deployment failed. \(failure.message)",
                    diagnosis: Diagnosis.pull(failure, image: image, credentialFound: credential != nil, why: why, role: scenario.instanceProfile.role, account: scenario.account),
                    requestID: decisionRequest)
            }
        }
    }
}
