import Beanstalk

/// Why a deployment stopped, as a step of the engine reports it: where (the `expect:` step),
/// what kind of cause, the texts Beanstalk shows, and the root cause with its fix.
public struct DeploymentFailure: Error, Sendable {
    /// What caused it, for whoever reads the report without parsing its prose (the runner
    /// skips `needs`).
    public enum Kind: Sendable, Equatable {
        /// Something the customer wrote cannot be used: the archive, a .ebextensions file,
        /// Dockerrun.aws.json, a dynamic reference, the auth file, a secret's JSON.
        case malformed
        /// The platform or service does not support what the bundle asks for (a platform too
        /// old for environment secrets, `ssm-secure` in option settings).
        case unsupported
        /// IAM or a resource policy refused an AWS call; the decision says which statement.
        case accessDenied
        /// Any other AWS error answer: no such key, parameter or secret, a bucket elsewhere.
        case awsError
        /// The instance got no role credentials from the metadata service.
        case noInstanceCredentials
        /// A platform hook or a .ebextensions command exited with an error.
        case commandFailed
        /// The image did not pull: refused, not found, or a registry the world lacks.
        case pullFailed
        /// This build of ebauth does not serve a service the deployment needs, so the replay
        /// cannot say what AWS would do.
        case needs(service: String)
    }

    public var step: Scenario.Expectation.Step
    public var kind: Kind
    /// The engine's own text, after `Error:` in eb-engine.log.
    public var error: String
    /// The event Beanstalk shows before its generic ones, when there is one.
    public var event: String?
    /// The root cause in one sentence, with the fix.
    public var diagnosis: String
    /// The AWS request IAM refused, whose decision the report links.
    public var deniedRequest: String?

    public init(
        _ step: Scenario.Expectation.Step, _ kind: Kind, error: String, event: String? = nil, diagnosis: String,
        deniedRequest: String? = nil
    ) {
        self.step = step
        self.kind = kind
        self.error = error
        self.event = event
        self.diagnosis = diagnosis
        self.deniedRequest = deniedRequest
    }

    /// An AWS error answer: a denial, with its request, or another error.
    public init(
        _ step: Scenario.Expectation.Step, _ answer: AWSCallError, error: String, event: String? = nil,
        diagnosis: String
    ) {
        self.init(
            step, answer.isAccessDenied ? .accessDenied : .awsError, error: error, event: event, diagnosis: diagnosis,
            deniedRequest: answer.isAccessDenied ? answer.requestID : nil)
    }

    /// What the report shows as the failure: the event, or the engine's text without one.
    public var message: String { event ?? error }
}
