import AWSCore

/// Every error IAM answers, with AWS's code, status and message.
enum IAMError: Error, Equatable {
    case noSuchUser(String)
    case noSuchRole(String)
    case noSuchInstanceProfile(String)
    case noSuchPolicy(arn: String)
    case policyNotAttachable(arn: String)
    case noSuchPolicyVersion(arn: String, version: String)
    case noSuchRolePolicy(String)
    case noSuchUserPolicy(String)
    case noSuchAccessKey(String)
    case userExists(String)
    case roleExists(String)
    case instanceProfileExists(String)
    case policyExists(String)
    case malformedPolicy(PolicyParseError)
    case accessKeyQuota
    case instanceProfileRoleQuota
    case policyVersionQuota
    case deleteConflict(String)
    case limitExceeded(String)
    case validation(String)
    case invalidInput(String)
    case unmodifiable(String)
    case accessDenied(String)
    case notSupported(String)
    case internalFailure

    /// `1 validation error detected: …` as IAM's model validation words it.
    static func constraint(_ value: String?, member: String, _ rule: String) -> IAMError {
        let shown = value.map { "'\($0)'" } ?? "null"
        return .validation(
            "1 validation error detected: Value \(shown) at '\(member)' failed to satisfy constraint: \(rule)")
    }
}

extension IAMError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .noSuchUser(let name):
            AWSError(code: "NoSuchEntity", message: "The user with name \(name) cannot be found.", status: 404)
        case .noSuchRole(let name):
            AWSError(code: "NoSuchEntity", message: "The role with name \(name) cannot be found.", status: 404)
        case .noSuchInstanceProfile(let name):
            AWSError(code: "NoSuchEntity", message: "Instance Profile \(name) cannot be found.", status: 404)
        case .noSuchPolicy(let arn):
            AWSError(code: "NoSuchEntity", message: "Policy \(arn) was not found.", status: 404)
        case .policyNotAttachable(let arn):
            AWSError(code: "NoSuchEntity", message: "Policy \(arn) does not exist or is not attachable.", status: 404)
        case .noSuchPolicyVersion(let arn, let version):
            AWSError(
                code: "NoSuchEntity", message: "Policy \(arn) version \(version) does not exist or is not attachable.",
                status: 404)
        case .noSuchRolePolicy(let name):
            AWSError(code: "NoSuchEntity", message: "The role policy with name \(name) cannot be found.", status: 404)
        case .noSuchUserPolicy(let name):
            AWSError(code: "NoSuchEntity", message: "The user policy with name \(name) cannot be found.", status: 404)
        case .noSuchAccessKey(let id):
            AWSError(code: "NoSuchEntity", message: "The Access Key with id \(id) cannot be found.", status: 404)
        case .userExists(let name):
            AWSError(code: "EntityAlreadyExists", message: "User with name \(name) already exists.", status: 409)
        case .roleExists(let name):
            AWSError(code: "EntityAlreadyExists", message: "Role with name \(name) already exists.", status: 409)
        case .instanceProfileExists(let name):
            AWSError(code: "EntityAlreadyExists", message: "Instance Profile \(name) already exists.", status: 409)
        case .policyExists(let name):
            AWSError(
                code: "EntityAlreadyExists",
                message: "A policy called \(name) already exists. Duplicate names are not allowed.", status: 409)
        case .malformedPolicy(let error):
            AWSError(code: "MalformedPolicyDocument", message: error.message, status: 400)
        case .accessKeyQuota:
            AWSError(code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: 2", status: 409)
        case .instanceProfileRoleQuota:
            AWSError(
                code: "LimitExceeded", message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
                status: 409)
        case .policyVersionQuota:
            AWSError(
                code: "LimitExceeded",
                message:
                    "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
                status: 409)
        case .deleteConflict(let message):
            AWSError(code: "DeleteConflict", message: message, status: 409)
        case .limitExceeded(let message):
            AWSError(code: "LimitExceeded", message: message, status: 409)
        case .validation(let message):
            AWSError(code: "ValidationError", message: message, status: 400)
        case .invalidInput(let message):
            AWSError(code: "InvalidInput", message: message, status: 400)
        case .unmodifiable(let message):
            AWSError(code: "UnmodifiableEntity", message: message, status: 400)
        case .accessDenied(let message):
            AWSError(code: "AccessDenied", message: message, status: 403)
        case .notSupported(let message):
            AWSError(code: "NotImplemented", message: message, status: 501)
        case .internalFailure:
            AWSError.internalFailure()
        }
    }
}

/// STS's errors.
enum STSError: Error, Equatable {
    case accessDenied(String)
    case validation(String)
    case notSupported(String)
    case internalFailure
}

extension STSError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .accessDenied(let message): AWSError(code: "AccessDenied", message: message, status: 403)
        case .validation(let message): AWSError(code: "ValidationError", message: message, status: 400)
        case .notSupported(let message): AWSError(code: "NotImplemented", message: message, status: 501)
        case .internalFailure: AWSError.internalFailure()
        }
    }
}
