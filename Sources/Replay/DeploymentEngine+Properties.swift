import Beanstalk
import Foundation

extension DeploymentEngine {
    /// Option settings → environment properties, with dynamic references resolved by
    /// CloudFormation (the deployer's identity, `ssm:GetParameters`) and
    /// `environmentsecrets` fetched by the instance.
    func resolveProperties(command: String, overrides: [String: String]) throws {
        try instruction("PreBuildEbExtension", command: command) {
            let settings = extensions?.optionSettings ?? []
            let resolved = try resolveReferences(try referencePlan(settings))
            var values: [String: String] = [:]
            for setting in settings where setting.namespace == OptionSetting.environmentNamespace {
                let matches = (try? DynamicReferenceParser.scan(setting.value)) ?? []
                values[setting.optionName] = DynamicReferenceParser.substitute(
                    setting.value, matches, resolved: resolved)
            }
            // Settings on the environment itself win over .ebextensions.
            for (key, value) in scenario.environment { values[key] = value }
            for (key, value) in properties { values[key] = value }
            for (key, value) in overrides where value.isEmpty { values.removeValue(forKey: key) }
            try fetchSecrets(into: &values)
            properties = values
        }
    }

    func referencePlan(_ settings: [OptionSetting]) throws -> DynamicReferencePlan {
        do {
            return try DynamicReferencePlan(settings: settings)
        } catch {
            let secure = error.message.hasPrefix("SSM Secure")
            throw DeploymentFailure(
                .ebextensions, secure ? .unsupported : .malformed, error: error.message,
                event: "Service:AmazonCloudFormation, Message:\(error.message)",
                diagnosis: secure
                    ? "CloudFormation refuses {{resolve:ssm-secure:…}} in Beanstalk option settings; store the value "
                        + "as a String parameter or use aws:elasticbeanstalk:application:environmentsecrets (platforms "
                        + "from 2025-03-26)."
                    : "A dynamic reference is malformed: \(error.message)")
        }
    }

    /// CloudFormation's reads, with the deployer's identity: Secrets Manager secrets one by
    /// one, SSM parameters with `GetParameters`; every missing parameter is reported at once.
    func resolveReferences(_ plan: DynamicReferencePlan) throws -> [DynamicReference: String] {
        var resolved: [DynamicReference: String] = [:]
        var missing: [DynamicReference] = []
        var denied: AWSCallError?
        let deployer = AWSClient(http: http, credentials: world.deployer, region: scenario.region)
        for reference in plan.references {
            if case .secretsManager(let secretID, let jsonKey, let stage, let versionID) = reference {
                resolved[reference] = try deployerSecret(
                    secretID, jsonKey: jsonKey, stage: stage, versionID: versionID, deployer: deployer)
                continue
            }
            guard case .ssmGetParameters(let selector, let decrypt) = reference.lookup else {
                missing.append(reference)
                continue
            }
            do {
                let answer = try deployer.call(GetParametersRequest(Names: [selector], WithDecryption: decrypt))
                if let value = answer.Parameters?.first?.Value {
                    resolved[reference] = value
                } else {
                    missing.append(reference)
                }
            } catch let error as AWSCallError {
                if error.isAccessDenied { denied = error }
                missing.append(reference)
            }
        }
        guard !missing.isEmpty else { return resolved }
        let message = DynamicReferencePlan.failure(missing: missing).message
        let event = "Service:AmazonCloudFormation, Message:\(message)"
        if let denied {
            throw DeploymentFailure(
                .ebextensions, denied, error: message, event: event,
                diagnosis: "The deployer \(world.deployerARN) may not read the parameter (\(denied.message)); allow "
                    + "ssm:GetParameters on it for whoever deploys.")
        }
        throw DeploymentFailure(
            .ebextensions, .awsError, error: message, event: event,
            diagnosis: "The referenced parameter or version does not exist in \(scenario.region); create it (aws ssm "
                + "put-parameter) or fix the name/version in the reference.")
    }

    /// `{{resolve:secretsmanager:…}}`: CloudFormation reads the secret with the deployer's
    /// identity, like SSM references.
    func deployerSecret(
        _ secretID: String, jsonKey: String?, stage: String?, versionID: String?, deployer: AWSClient
    ) throws -> String {
        let request = GetSecretValueRequest(
            SecretId: secretID, VersionId: versionID?.isEmpty == false ? versionID : nil,
            VersionStage: stage?.isEmpty == false ? stage : nil)
        let text: String
        do {
            text = SecretValue.text(of: try deployer.call(request))
        } catch let error as AWSCallError {
            let message =
                "\(error.message) (Service: AWSSecretsManager; Status Code: \(error.status); Error Code: "
                + "\(error.code); Request ID: \(error.requestID ?? ""))"
            throw DeploymentFailure(
                .ebextensions, error, error: message, event: "Service:AmazonCloudFormation, Message:\(message)",
                diagnosis: error.isAccessDenied
                    ? "The deployer \(world.deployerARN) may not read the secret \(secretID) (\(error.message)); allow "
                        + "secretsmanager:GetSecretValue on it for whoever deploys."
                    : "The secret \(secretID) referenced by {{resolve:secretsmanager:…}} cannot be read "
                        + "(\(error.code)): \(error.message)")
        }
        guard let jsonKey, !jsonKey.isEmpty else { return text }
        guard let value = SecretValue.field(jsonKey, of: text) else {
            throw DeploymentFailure(
                .ebextensions, .malformed, error: "Could not parse SecretString JSON",
                event: "Service:AmazonCloudFormation, Message:Could not parse SecretString JSON",
                diagnosis: "The secret \(secretID) has no top-level JSON key \(jsonKey); fix the reference or the "
                    + "secret's value.")
        }
        return value
    }
}
