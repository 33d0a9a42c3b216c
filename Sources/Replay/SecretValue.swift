import Foundation

/// What the instance (or CloudFormation) makes of a `GetSecretValue` answer.
enum SecretValue {
    /// `SecretString`, or for a binary secret its bytes as text.
    static func text(of answer: GetSecretValueResponse) -> String {
        if let text = answer.SecretString { return text }
        if let binary = answer.SecretBinary, let data = Data(base64Encoded: binary) {
            return String(decoding: data, as: UTF8.self)
        }
        return ""
    }

    /// A top-level key of a JSON object secret (EB-SPEC §A.6): strings as they are, numbers,
    /// booleans, objects and arrays re-serialised as JSON; nil when there is no such key.
    static func field(_ key: String, of text: String) -> String? {
        guard
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
                as? [String: Any],
            let value = object[key]
        else { return nil }
        if let string = value as? String { return string }
        if value is NSNull { return "null" }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The root cause of an instance that could not read a secret, in one sentence with the fix.
    static func diagnosis(_ error: AWSCallError, arn: String, variable: String, role: String, region: String) -> String
    {
        if error.isAccessDenied {
            return
                "Role \(role) may not read \(arn) (\(error.message)); allow secretsmanager:GetSecretValue on it (and kms:Decrypt for a customer-managed key)."
        }
        if error.code == "InvalidRequestException" {
            return
                "The secret \(arn) named by \(variable) is scheduled for deletion (\(error.message)); restore it (aws secretsmanager restore-secret) or point \(variable) at another secret."
        }
        return
            "The secret \(arn) named by \(variable) does not exist in \(region) (\(error.code)); create it or copy the ARN from the console."
    }
}
