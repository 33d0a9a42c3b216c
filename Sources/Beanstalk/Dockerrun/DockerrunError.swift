/// Why Beanstalk refuses a Docker source bundle, with the event text it shows.
///
/// Confidence per message (EB-SPEC §A.3, §A.8):
/// - `bothMissing`: verbatim from a user's event log (aws/aws-elastic-beanstalk-cli#60) [V].
/// - `unsupportedVersion`: verbatim from a blog quoting the AL2 event [S].
/// - `ecsUnsupportedVersion`: the prefix is the event the EB CLI matches
///   (`create.ecsdockerrun1` in ebcli/resources/strings.py) [V]; the version after it is [I].
/// - `invalidJSON`, `missingImage`, `missingPorts`, `missingContainerPort`,
///   `ecsDockerrunMissing`: the EB CLI's own validation texts (strings.py, `local.*`) [V];
///   the AL2 engine's wording for these is unverified [U].
/// - `ecsTaskDefinition`: ECS `RegisterTaskDefinition` ClientException messages [V, many
///   firsthand logs], wrapped as a Beanstalk event shows them
///   (`Service:AmazonECS, Code:ClientException, Message:…, Class:…`) [V, firsthand event].
/// - `invalidImageName`: EB troubleshooting page, quoted for an empty name [V].
public enum DockerrunError: Error, Equatable, Sendable, CustomStringConvertible {
    case bothMissing
    case invalidJSON
    case unsupportedVersion(found: String?)
    case ecsUnsupportedVersion(found: String?)
    case ecsDockerrunMissing
    case missingImage
    case missingPorts
    case missingContainerPort
    case invalidImageName(name: String)
    case ecsTaskDefinition(message: String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .bothMissing:
            "Instance deployment: Both 'Dockerfile' and 'Dockerrun.aws.json' are missing in your source bundle. "
                + "Include at least one of them. The deployment failed."
        case .invalidJSON:
            "The Dockerrun.aws.json file is not in valid JSON format."
        case .unsupportedVersion:
            "Instance deployment: 'Dockerrun.aws.json' in your source bundle specifies an unsupported version. "
                + "Elastic Beanstalk only supports version 1 for non compose app and version 3 for compose app. "
                + "The deployment failed."
        case .ecsUnsupportedVersion(let found):
            "ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion: \(found ?? "null")"
        case .ecsDockerrunMissing:
            "This environment requires a Dockerrun.aws.json file to run."
        case .missingImage:
            "The Dockerrun.aws.json file requires the Image key."
        case .missingPorts:
            "The Dockerrun.aws.json file requires the Ports key."
        case .missingContainerPort:
            "The Dockerrun.aws.json file requires the ContainerPort field."
        case .invalidImageName(let name):
            ImageReferenceError.pullEventMessage(imageName: name)
        case .ecsTaskDefinition(let message):
            "Service:AmazonECS, Code:ClientException, Message:\(message), "
                + "Class:com.amazonaws.services.ecs.model.ClientException"
        }
    }
}
