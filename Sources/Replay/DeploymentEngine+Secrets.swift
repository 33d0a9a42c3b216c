import Beanstalk
import Foundation

extension DeploymentEngine {
    /// `aws:elasticbeanstalk:application:environmentsecrets`: the instance reads each secret or
    /// parameter with its role credentials, in the ARN's region (EB-SPEC §A.6).
    func fetchSecrets(into values: inout [String: String]) throws {
        let secrets = extensions?.environmentSecrets ?? [:]
        guard !secrets.isEmpty else { return }
        let event = SecretReference.failureEvent
        guard scenario.platform.supportsEnvironmentSecrets else {
            throw DeploymentFailure(
                .ebextensions, .unsupported, error: event, event: event,
                diagnosis: "aws:elasticbeanstalk:application:environmentsecrets needs a platform released on or after "
                    + "2025-03-26; this one is \(scenario.platform.released). Update the platform version.")
        }
        let instance: AWSClient
        do {
            let credentials = try InstanceMetadataClient(http: http, instanceID: world.instanceID).roleCredentials()
            instance = AWSClient(http: http, credentials: credentials, region: scenario.region)
        } catch {
            throw DeploymentFailure(
                .ebextensions, .noInstanceCredentials, error: "\(error)", event: event,
                diagnosis: "The instance has no role credentials: \(error)")
        }
        for (name, arn) in secrets.sorted(by: { $0.key < $1.key }) {
            switch SecretReference.parse(arn) {
            case .ssmParameter(_, let region, _, let parameter):
                values[name] = try instanceParameter(parameter, variable: name, region: region, instance: instance)
            case .secretsManager(let arn, let region, _, _, let jsonKey):
                values[name] = try instanceSecret(
                    arn, jsonKey: jsonKey, variable: name, region: region, instance: instance)
            case .invalid(let text):
                throw DeploymentFailure(
                    .ebextensions, .malformed, error: "\(event): invalid ARN \(text)", event: event,
                    diagnosis: "\(name) is not a Secrets Manager secret ARN "
                        + "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX) nor an SSM parameter ARN; copy "
                        + "the ARN from the console.")
            }
        }
    }

    func instanceParameter(
        _ parameter: String, variable: String, region: String, instance: AWSClient
    ) throws -> String {
        let event = SecretReference.failureEvent
        do {
            let request = GetParameterRequest(Name: parameter, WithDecryption: true)
            let answer = try instance.with(region: region).call(request)
            return answer.Parameter?.Value ?? ""
        } catch let error as AWSCallError {
            let role = scenario.instanceProfile.role
            throw DeploymentFailure(
                .ebextensions, error, error: "\(event): \(error)", event: event,
                diagnosis: error.isAccessDenied
                    ? "Role \(role) may not read \(parameter) (\(error.message)); allow ssm:GetParameter on it (and "
                        + "kms:Decrypt for a customer-managed key)."
                    : "The parameter \(parameter) named by \(variable) does not exist in \(region) (\(error.code)); "
                        + "create it or fix the ARN.")
        }
    }

    func instanceSecret(
        _ arn: String, jsonKey: String?, variable: String, region: String, instance: AWSClient
    ) throws -> String {
        let event = SecretReference.failureEvent
        if jsonKey != nil && !scenario.platform.supportsSecretJSONKeys {
            throw DeploymentFailure(
                .ebextensions, .unsupported, error: "\(event): JSON key in \(variable)", event: event,
                diagnosis: "\(variable) names a JSON key of a secret (…:secret:NAME-XXXXXX:KEY), which needs a "
                    + "platform released on or after 2026-01-13; this one is \(scenario.platform.released). Update the platform "
                    + "or store the value in its own secret.")
        }
        let text: String
        do {
            text = SecretValue.text(of: try instance.with(region: region).call(GetSecretValueRequest(SecretId: arn)))
        } catch let error as AWSCallError {
            throw DeploymentFailure(
                .ebextensions, error, error: "\(event): \(error)", event: event,
                diagnosis: SecretValue.diagnosis(
                    error, arn: arn, variable: variable, role: scenario.instanceProfile.role, region: region))
        }
        guard let jsonKey else { return text }
        guard let value = SecretValue.field(jsonKey, of: text) else {
            throw DeploymentFailure(
                .ebextensions, .malformed, error: "\(event): no key \(jsonKey) in \(arn)", event: event,
                diagnosis: "The secret \(arn) named by \(variable) is not a JSON object with a top-level key "
                    + "\(jsonKey); fix the key after the ARN or the secret's value.")
        }
        return value
    }
}
