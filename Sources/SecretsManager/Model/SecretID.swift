import Foundation

/// How a `SecretId` names a secret: by name, by full ARN (name plus the six random characters),
/// or by partial ARN (the ARN without them).
enum SecretID: Equatable {
    case name(String)
    case arn(String)
    case partialARN(scope: SecretsScope, name: String)

    static let arnPrefix = "arn:aws:secretsmanager:"

    init(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
        guard text.hasPrefix(Self.arnPrefix), parts.count == 7, parts[5] == "secret" else {
            self = .name(text)
            return
        }
        let scope = SecretsScope(accountID: parts[4], region: parts[3])
        self = SecretID.hasRandomSuffix(parts[6]) ? .arn(text) : .partialARN(scope: scope, name: parts[6])
    }

    /// The ARN Secrets Manager gives a new secret: its name, `-`, six random characters.
    static func makeARN(_ scope: SecretsScope, name: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
        return "\(arnPrefix)\(scope.region):\(scope.accountID):secret:\(name)-\(suffix)"
    }

    /// Whether `resource` ends in `-` and six letters or digits.
    static func hasRandomSuffix(_ resource: String) -> Bool {
        guard let dash = resource.lastIndex(of: "-") else { return false }
        let suffix = resource[resource.index(after: dash)...]
        return suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
