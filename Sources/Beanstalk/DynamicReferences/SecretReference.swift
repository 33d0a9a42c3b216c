/// A value of `aws:elasticbeanstalk:application:environmentsecrets`: the ARN of a Secrets
/// Manager secret or of an SSM parameter (EB guide, "Using Secrets Manager secrets and
/// Systems Manager parameters as environment variables"). The console checks only the ARN's
/// shape; anything else fails at deployment with `Instance deployment failed to get one or
/// more secrets`.
public enum SecretReference: Sendable, Equatable {
    /// `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf[:JSON-KEY]`. `jsonKey` needs a
    /// platform released on or after 2026-01-13; anything after a second `:` is ignored.
    case secretsManager(arn: String, region: String, account: String, name: String, jsonKey: String?)
    /// `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`; `name` is as GetParameter takes it
    /// (`/a/b` for a hierarchical name).
    case ssmParameter(arn: String, region: String, account: String, name: String)
    /// Not an ARN of either kind (for example the guide's own example
    /// `arn:aws:secretsmanager:us-east-1:111122223333:passwd`, which lacks `secret:`).
    case invalid(String)

    public static let failureEvent = "Instance deployment failed to get one or more secrets"

    public static func parse(_ value: String) -> SecretReference {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[1].hasPrefix("aws"), !parts[3].isEmpty, isAccount(parts[4])
        else {
            return .invalid(value)
        }
        switch parts[2] {
        case "secretsmanager":
            guard parts[5] == "secret", parts.count >= 7, !parts[6].isEmpty else { return .invalid(value) }
            let arn = parts[0...6].joined(separator: ":")
            let key = parts.count >= 8 && !parts[7].isEmpty ? parts[7] : nil
            return .secretsManager(arn: arn, region: parts[3], account: parts[4], name: parts[6], jsonKey: key)
        case "ssm":
            let resource = parts[5...].joined(separator: ":")
            guard resource.hasPrefix("parameter/") else { return .invalid(value) }
            let path = String(resource.dropFirst("parameter".count))
            guard path.count > 1 else { return .invalid(value) }
            // `parameter/NAME` names `NAME`; `parameter/a/b` names `/a/b`.
            let name = path.dropFirst().contains("/") ? path : String(path.dropFirst())
            return .ssmParameter(
                arn: parts[0...5].joined(separator: ":"), region: parts[3], account: parts[4], name: name)
        default:
            return .invalid(value)
        }
    }

    /// Whether the secret's name ends in the six random characters Secrets Manager appends
    /// (`-AbCdEf`); a partial ARN without them is ambiguous.
    public var hasRandomSuffix: Bool {
        guard case .secretsManager(_, _, _, let name, _) = self, let dash = name.lastIndex(of: "-") else {
            return false
        }
        let suffix = name[name.index(after: dash)...]
        return suffix.count == 6 && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    private static func isAccount(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy(\.isNumber)
    }
}
