/// A CloudFormation dynamic reference in an option value: `{{resolve:ssm:NAME:VERSION}}`,
/// `{{resolve:ssm:NAME}}`, `{{resolve:ssm-secure:NAME:VERSION}}`,
/// `{{resolve:secretsmanager:SECRET-ID:SecretString:JSON-KEY:VERSION-STAGE:VERSION-ID}}`.
///
/// Beanstalk environments are CloudFormation stacks, so CloudFormation resolves these with the
/// identity of whoever deploys, when the stack is created or updated — not the instance
/// (EB-SPEC §A.5). Rules from the CloudFormation guide, "Get values stored in other services
/// using dynamic references".
public enum DynamicReference: Sendable, Hashable, CustomStringConvertible {
    /// A `String` or `StringList` parameter; `version` nil means the latest.
    case ssm(name: String, version: Int?)
    /// A `SecureString`; CloudFormation allows these only in a short list of resource
    /// properties, and Beanstalk's option settings are not one of them.
    case ssmSecure(name: String, version: Int?)
    case secretsManager(secretID: String, jsonKey: String?, versionStage: String?, versionID: String?)

    /// The reference as CloudFormation names it in messages: `ssm:NAME:1`.
    public var description: String {
        switch self {
        case .ssm(let name, let version): "ssm:\(name)" + (version.map { ":\($0)" } ?? "")
        case .ssmSecure(let name, let version): "ssm-secure:\(name)" + (version.map { ":\($0)" } ?? "")
        case .secretsManager(let id, let key, let stage, let versionID):
            "secretsmanager:\(id)"
                + ((key != nil || stage != nil || versionID != nil)
                    ? ":SecretString:\(key ?? ""):\(stage ?? ""):\(versionID ?? "")" : "")
        }
    }

    /// The whole token, `{{resolve:…}}`.
    public var token: String { "{{resolve:\(description)}}" }

    /// What the engine must ask for, with the deployer's credentials.
    public var lookup: Lookup {
        switch self {
        case .ssm(let name, let version), .ssmSecure(let name, let version):
            .ssmGetParameters(selector: name + (version.map { ":\($0)" } ?? ""), withDecryption: isSecure)
        case .secretsManager(let id, _, let stage, let versionID):
            .secretsManagerGetSecretValue(secretID: id, versionStage: stage, versionID: versionID)
        }
    }

    public var isSecure: Bool {
        if case .ssmSecure = self { return true }
        return false
    }

    /// One call the resolver makes.
    public enum Lookup: Sendable, Hashable {
        /// `ssm:GetParameters` with `Names: [selector]` (`NAME` or `NAME:VERSION`).
        case ssmGetParameters(selector: String, withDecryption: Bool)
        case secretsManagerGetSecretValue(secretID: String, versionStage: String?, versionID: String?)
    }
}

/// Where a reference sits in an option value.
public struct DynamicReferenceMatch: Sendable, Equatable {
    public let reference: DynamicReference
    /// The token as written.
    public let token: String
    public let range: Range<String.Index>
}
