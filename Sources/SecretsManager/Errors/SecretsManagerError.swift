import AWSCore

/// Every error Secrets Manager answers with, named by its condition.
///
/// Codes and HTTP statuses are botocore's (`secretsmanager/2017-10-17`). Messages are AWS's as
/// seen in real client output quoted in public issues and the API reference; those marked
/// "unverified" follow moto's copies of AWS's texts. Secret values never appear in a message.
enum SecretsManagerError: Error, Equatable {
    case resourceNotFound
    /// A VersionId or VersionStage the secret does not have.
    case versionNotFound(kind: String, value: String)
    case resourceExists(name: String)
    /// `InvalidParameterException`: a value Secrets Manager rejects.
    case invalidParameter(String)
    /// `InvalidRequestException`: the secret's state forbids the call.
    case invalidRequest(String)
    /// `ValidationException`: the request does not match the model.
    case validation(String)
    case invalidNextToken
    case accessDenied(String)
    /// PutSecretValue with a ClientRequestToken of an existing version but another value.
    case versionExists
    /// Something AWS has that ebauth does not build: 501, never a fake success.
    case notImplemented(String)

    static let markedForDeletion = SecretsManagerError.invalidRequest(
        "You can't perform this operation on the secret because it was marked for deletion.")
}

extension SecretsManagerError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .resourceNotFound:
            AWSError(
                code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret.",
                status: 400)
        case .versionNotFound(let kind, let value):
            AWSError(
                code: "ResourceNotFoundException",
                message: "Secrets Manager can't find the specified secret value for \(kind): \(value)", status: 400)
        case .resourceExists(let name):
            AWSError(
                code: "ResourceExistsException",
                message: "The operation failed because the secret \(name) already exists.", status: 400)
        case .invalidParameter(let message):
            AWSError(code: "InvalidParameterException", message: message, status: 400)
        case .invalidRequest(let message):
            AWSError(code: "InvalidRequestException", message: message, status: 400)
        case .validation(let message):
            AWSError(code: "ValidationException", message: message, status: 400)
        case .invalidNextToken:
            AWSError(code: "InvalidNextTokenException", message: "The NextToken value is invalid.", status: 400)
        case .versionExists:
            AWSError(
                code: "ResourceExistsException",
                message: "You can't modify an existing version, you can only create a new version.", status: 400)
        case .accessDenied(let message):
            AWSError(code: "AccessDeniedException", message: message, status: 400)
        case .notImplemented(let what):
            AWSError(code: "NotImplemented", message: "\(what) is not implemented by ebauth yet.", status: 501)
        }
    }
}
