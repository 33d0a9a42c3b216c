import AWSCore

/// Every error Parameter Store answers with, named by its condition.
///
/// Codes and HTTP statuses are botocore's (`ssm/2014-11-06`); messages are AWS's where they were
/// observed (EB-SPEC §C, real client output in public issues). Texts nobody has recorded from AWS
/// are marked "unverified" where they are built. Values of parameters never appear in a message.
enum SSMError: Error, Equatable {
    /// `ValidationException`: a constraint of the model or of Parameter Store's rules.
    case validation(String)
    /// `AccessDeniedException`: IAM said no, or a reserved `/aws/…` name.
    case accessDenied(String)
    /// `ParameterNotFound`. AWS sends no message for GetParameter and DeleteParameter (real CLI
    /// output ends in "operation: "); the other operations are assumed to do the same (unverified).
    case parameterNotFound
    case parameterVersionNotFound(name: String, selector: String)
    case parameterAlreadyExists
    case hierarchyLevelLimitExceeded
    case hierarchyTypeMismatch
    case parameterMaxVersionLimitExceeded(name: String, oldestVersion: Int64)
    case parameterLimitExceeded
    case parameterPatternMismatch(allowedPattern: String)
    case invalidAllowedPattern
    case invalidKeyID(String)
    case invalidFilterKey(String)
    case invalidFilterOption(String)
    case invalidFilterValue(String)
    case invalidNextToken
    case parameterVersionLabelLimitExceeded
    case invalidResourceID
    case tooManyTags
    /// The parameter changed between reading it and writing the new version.
    case tooManyUpdates
    /// Something AWS has that ebauth does not build: 501, never a fake success.
    case notImplemented(String)
}

extension SSMError: AWSErrorConvertible {
    var awsError: AWSError {
        switch self {
        case .validation(let message):
            AWSError(code: "ValidationException", message: message, status: 400)
        case .accessDenied(let message):
            AWSError(code: "AccessDeniedException", message: message, status: 400)
        case .parameterNotFound:
            AWSError(code: "ParameterNotFound", message: "", status: 400)
        case .parameterVersionNotFound(let name, let selector):
            // Seen from AWS for a missing version (moto PR #3977 quotes the real response);
            // that a missing label answers the same way is unverified.
            AWSError(
                code: "ParameterVersionNotFound",
                message:
                    "Systems Manager could not find version \(selector) of \(name). Verify the version and try again.",
                status: 400)
        case .parameterAlreadyExists:
            AWSError(
                code: "ParameterAlreadyExists",
                message:
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
                status: 400)
        case .hierarchyLevelLimitExceeded:
            // Unverified: the model's documentation of the shape.
            AWSError(
                code: "HierarchyLevelLimitExceededException",
                message:
                    "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.",
                status: 400)
        case .hierarchyTypeMismatch:
            // Unverified: the model's documentation of the shape.
            AWSError(
                code: "HierarchyTypeMismatchException",
                message:
                    "Parameter Store doesn't support changing a parameter type in a hierarchy. For example, you can't change a parameter from a String type to a SecureString type. You must create a new, unique parameter.",
                status: 400)
        case .parameterMaxVersionLimitExceeded(let name, let oldest):
            AWSError(
                code: "ParameterMaxVersionLimitExceeded",
                message:
                    "You attempted to create a new version of \(name) by calling the PutParameter API with the overwrite flag. Version \(oldest), the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
                status: 400)
        case .parameterLimitExceeded:
            // Unverified: the model's documentation of the shape.
            AWSError(
                code: "ParameterLimitExceeded",
                message:
                    "You have exceeded the number of parameters for this Amazon Web Services account. Delete one or more parameters and try again.",
                status: 400)
        case .parameterPatternMismatch(let pattern):
            // As AWS prints it; the value itself is never echoed.
            AWSError(
                code: "ParameterPatternMismatchException",
                message: "Parameter value, cannot be validated against allowedPattern: \(pattern)", status: 400)
        case .invalidAllowedPattern:
            // Unverified: the model's documentation of the shape.
            AWSError(
                code: "InvalidAllowedPatternException",
                message: "The request doesn't meet the regular expression requirement.", status: 400)
        case .invalidKeyID(let message):
            AWSError(code: "InvalidKeyId", message: message, status: 400)
        case .invalidFilterKey(let message):
            AWSError(code: "InvalidFilterKey", message: message, status: 400)
        case .invalidFilterOption(let message):
            AWSError(code: "InvalidFilterOption", message: message, status: 400)
        case .invalidFilterValue(let message):
            AWSError(code: "InvalidFilterValue", message: message, status: 400)
        case .invalidNextToken:
            // Unverified: the model's documentation of the shape.
            AWSError(code: "InvalidNextToken", message: "The specified token isn't valid.", status: 400)
        case .parameterVersionLabelLimitExceeded:
            // Unverified: wording as moto records it.
            AWSError(
                code: "ParameterVersionLabelLimitExceeded",
                message:
                    "A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.",
                status: 400)
        case .invalidResourceID:
            // The model gives this shape no message member.
            AWSError(code: "InvalidResourceId", message: "", status: 400)
        case .tooManyTags:
            // The model gives this shape no message member.
            AWSError(code: "TooManyTagsError", message: "", status: 400)
        case .tooManyUpdates:
            AWSError(
                code: "TooManyUpdates",
                message: "There are concurrent updates for a resource that supports one update at a time.", status: 400)
        case .notImplemented(let what):
            AWSError(code: "NotImplemented", message: "\(what) is not implemented by ebauth yet.", status: 501)
        }
    }
}
