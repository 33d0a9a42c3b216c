import AWSCore
import Foundation
import KMS

/// Asks IAM before Parameter Store acts, with AWS's action names and resource ARNs, and turns a
/// refusal into SSM's `AccessDeniedException` (HTTP 400) with IAM's text.
struct SSMAuthorization: Sendable {
    let authorizer: any Authorizer

    /// `ssm:<operation>` on `resource`; the operation is the one the router named.
    func require(_ context: RequestContext, on resource: String, resourceAccountID: String? = nil) throws(SSMError) {
        try require(context, action: "ssm:\(context.operation)", on: resource, resourceAccountID: resourceAccountID)
    }

    func require(
        _ context: RequestContext, action: String, on resource: String, resourceAccountID: String? = nil
    ) throws(SSMError) {
        do {
            try authorizer.authorize(
                AuthorizationRequest(context, action: action, resource: resource, resourceAccountID: resourceAccountID))
        } catch {
            throw .accessDenied(error.message())
        }
    }

    /// A KMS action on the `aws/ssm` key, made by Parameter Store on the caller's behalf
    /// (`kms:Decrypt` to read, `kms:Encrypt` / `kms:GenerateDataKey` to write). The key's policy
    /// and the condition keys KMS would see go with the request. A refusal reads as SSM passes
    /// on KMS's error (real: "… is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:…
    /// because no resource-based policy allows the kms:Decrypt action (Service: AWSKMS; …)").
    func requireKMS(_ context: RequestContext, action: String, key: KMSKey, parameterARN: String) throws(SSMError) {
        let request = AuthorizationRequest(
            context, action: action, resource: key.arn, resourcePolicy: key.policy,
            resourceAccountID: key.scope.accountID,
            conditionValues: [
                "kms:CallerAccount": [context.accountID],
                "kms:ViaService": ["ssm.\(key.scope.region).amazonaws.com"],
                "kms:EncryptionContext:PARAMETER_ARN": [parameterARN],
            ])
        do {
            try authorizer.authorize(request)
        } catch {
            throw .accessDenied(error.message() + Self.kmsSuffix(errorCode: "AccessDeniedException"))
        }
    }

    /// What the Java SDK appends to a KMS error that SSM forwards.
    static func kmsSuffix(errorCode: String) -> String {
        " (Service: AWSKMS; Status Code: 400; Error Code: \(errorCode); "
            + "Request ID: \(UUID().uuidString.lowercased()); Proxy: null)"
    }
}
