import AWSCore
import Foundation
import KMS

/// Asks IAM before Secrets Manager acts, with AWS's action names and the secret's ARN, and turns
/// a refusal into `AccessDeniedException` (HTTP 400) with IAM's text.
struct SecretsAuthorization: Sendable {
    let authorizer: any Authorizer

    /// `secretsmanager:<operation>` on `resource`; the operation is the one the router named.
    func require(_ context: RequestContext, on resource: String) throws(SecretsManagerError) {
        try require(context, action: "secretsmanager:\(context.operation)", on: resource)
    }

    func require(_ context: RequestContext, action: String, on resource: String) throws(SecretsManagerError) {
        do {
            try authorizer.authorize(AuthorizationRequest(context, action: action, resource: resource))
        } catch {
            throw .accessDenied(error.message())
        }
    }

    /// A KMS action on `aws/secretsmanager` made by Secrets Manager for the caller
    /// (`kms:Decrypt` to read, `kms:GenerateDataKey` to write), with the key's policy and the
    /// condition keys KMS would see. The managed key's policy allows every principal of the
    /// account through Secrets Manager, so only an explicit deny refuses.
    /// A refusal reads "Access to KMS is not allowed", as Secrets Manager answers.
    func requireKMS(
        _ context: RequestContext, action: String, key: KMSKey, secretARN: String
    ) throws(SecretsManagerError) {
        let request = AuthorizationRequest(
            context, action: action, resource: key.arn, resourcePolicy: key.policy,
            resourceAccountID: key.scope.accountID,
            conditionValues: [
                "kms:CallerAccount": [context.accountID],
                "kms:ViaService": ["secretsmanager.\(key.scope.region).amazonaws.com"],
                "kms:EncryptionContext:SecretARN": [secretARN],
            ])
        do {
            try authorizer.authorize(request)
        } catch {
            // Secrets Manager's own text when KMS refuses (real CLI output in public issues).
            throw .accessDenied("Access to KMS is not allowed")
        }
    }
}
