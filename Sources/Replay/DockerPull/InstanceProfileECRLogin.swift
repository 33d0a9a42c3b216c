import Beanstalk
import Foundation

/// The platform's ECR login for an image in ECR: `GetAuthorizationToken` in the image's
/// region with the instance profile's credentials. A refusal is not yet a failure: the pull
/// goes ahead without credentials and fails as docker would.
struct InstanceProfileECRLogin: CredentialSource {
    let instance: AWSClient

    func credentials(for image: ImageReference, log: inout EngineLog) throws -> PullCredentials {
        guard case .ecr(let account, let region) = image.registry else { return PullCredentials() }
        let answer: GetAuthorizationTokenResponse
        do {
            answer = try instance.with(region: region).call(GetAuthorizationTokenRequest())
        } catch let error as AWSCallError {
            if error.isNotImplemented || error.code == "UnknownOperationException" {
                throw DeploymentFailure(
                    .authentication, .needs(service: "ECR"), error: "ECR not available",
                    diagnosis: "needs ECR: this build of ebauth does not serve ecr:GetAuthorizationToken.")
            }
            log.warn("Failed to authenticate with ECR for registry '\(account)' in '\(region)': \(error)")
            return PullCredentials(why: error.message, deniedRequest: error.isAccessDenied ? error.requestID : nil)
        }
        guard let token = answer.authorizationData?.first?.authorizationToken,
            let credential = Self.credential(token: token)
        else { return PullCredentials() }
        log.info("logged in to \(account).dkr.ecr.\(region).amazonaws.com with the instance profile")
        return PullCredentials(credential: credential)
    }

    /// The token is base64 of `user:password` (the user is `AWS`).
    static func credential(token: String) -> DockerCredential? {
        guard let decoded = Data(base64Encoded: token).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return DockerCredential(
            username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
    }
}
