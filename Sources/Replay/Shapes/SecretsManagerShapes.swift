import Foundation

// Secrets Manager operations the instance, CloudFormation and the seeder call (botocore
// `secretsmanager/2017-10-17`).

protocol SecretsManagerOperation: AWSJSONOperation {}

extension SecretsManagerOperation {
    static var service: String { "secretsmanager" }
    static var targetPrefix: String { "secretsmanager" }
}

struct GetSecretValueRequest: SecretsManagerOperation {
    typealias Output = GetSecretValueResponse
    static var operation: String { "GetSecretValue" }
    var SecretId: String
    var VersionId: String?
    var VersionStage: String?
}

struct GetSecretValueResponse: Decodable, Sendable {
    var ARN: String?
    var Name: String?
    var VersionId: String?
    var SecretString: String?
    /// base64 on the wire; kept as text and decoded by `SecretValue`, so that bytes that are not
    /// base64 read as an empty value rather than failing the whole answer.
    var SecretBinary: String?
}

struct CreateSecretRequest: SecretsManagerOperation {
    typealias Output = CreateSecretResponse
    static var operation: String { "CreateSecret" }
    var Name: String
    var SecretString: String
}

struct CreateSecretResponse: Decodable, Sendable {
    var ARN: String?
    var Name: String?
    var VersionId: String?
}

struct DeleteSecretRequest: SecretsManagerOperation {
    typealias Output = DeleteSecretResponse
    static var operation: String { "DeleteSecret" }
    var SecretId: String
}

struct DeleteSecretResponse: Decodable, Sendable {
    var ARN: String?
    var Name: String?
}
