/// CloudFormation's refusals for dynamic references, as stack events show them.
///
/// - `notFound`: `Parameters: [ssm:NAME:1] cannot be found.` [V, real logs]; CloudFormation
///   gives the same text when the deployer may not call `ssm:GetParameters`. Several missing
///   references share one message, comma-separated as a Java list prints [I].
/// - `secureNotSupported`: `SSM Secure reference is not supported in: [AWS::Type/Properties/…]`
///   [V format]; the resource path for Beanstalk option settings is inferred [I].
/// - `malformed`, `unsupportedService`: worded after CloudFormation's template validation [U].
public enum DynamicReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound([DynamicReference])
    case secureNotSupported(resourcePath: String)
    case malformed(token: String)
    case unsupportedService(service: String, token: String)

    /// Where option settings live in the template Beanstalk builds.
    public static let optionSettingsPath = "AWS::ElasticBeanstalk::Environment/Properties/OptionSettings"

    public var description: String { message }

    public var message: String {
        switch self {
        case .notFound(let references):
            "Parameters: [\(references.map(\.description).joined(separator: ", "))] cannot be found."
        case .secureNotSupported(let path):
            "SSM Secure reference is not supported in: [\(path)]"
        case .malformed(let token):
            "Incorrect format is used in the following SSM reference: [\(token)]"
        case .unsupportedService(let service, _):
            "Unsupported dynamic reference service: \(service)"
        }
    }
}

/// The references in a set of option settings, checked the way CloudFormation checks a
/// template before it resolves anything: an `ssm-secure` reference fails the whole update.
public struct DynamicReferencePlan: Sendable, Equatable {
    /// Each distinct reference, in the order first met.
    public let references: [DynamicReference]

    public init(settings: [OptionSetting]) throws(DynamicReferenceError) {
        var references: [DynamicReference] = []
        for setting in settings {
            for match in try DynamicReferenceParser.scan(setting.value) {
                if match.reference.isSecure {
                    throw .secureNotSupported(resourcePath: DynamicReferenceError.optionSettingsPath)
                }
                if !references.contains(match.reference) { references.append(match.reference) }
            }
        }
        self.references = references
    }

    /// The calls to make, one per reference.
    public var lookups: [DynamicReference.Lookup] { references.map(\.lookup) }

    /// The failure to report when some references were not found (or not allowed).
    public static func failure(missing: [DynamicReference]) -> DynamicReferenceError {
        .notFound(missing)
    }
}
