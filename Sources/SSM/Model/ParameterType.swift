/// `String`, `StringList` or `SecureString`: fixed when the parameter is created.
enum ParameterType: String, Sendable, CaseIterable {
    case string = "String"
    case stringList = "StringList"
    case secureString = "SecureString"

    /// In the order AWS lists them in its enum-constraint messages.
    static let enumValueSet = ["SecureString", "StringList", "String"]
}

/// Standard (4 KB values) or Advanced (8 KB); `Intelligent-Tiering` is only a request that
/// Parameter Store choose, never a stored tier.
enum ParameterTier: String, Sendable {
    case standard = "Standard"
    case advanced = "Advanced"

    static let requestValues = ["Standard", "Advanced", "Intelligent-Tiering"]
    static let intelligentTiering = "Intelligent-Tiering"

    /// The longest value the tier holds, in characters.
    var maxValueLength: Int {
        switch self {
        case .standard: 4096
        case .advanced: 8192
        }
    }
}

/// What a String parameter's value is: plain text or an AMI ID.
enum ParameterDataType: String, Sendable {
    case text
    case ec2Image = "aws:ec2:image"

    static let integration = "aws:ssm:integration"
}
