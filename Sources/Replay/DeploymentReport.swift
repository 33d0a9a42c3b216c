import Beanstalk
import Foundation

/// The outcome of deploying a bundle into a world, deployment by deployment.
public struct DeploymentReport: Sendable {
    public struct Failure: Sendable {
        public var step: Scenario.Expectation.Step
        /// What caused it; the runner reads this, never the prose.
        public var kind: DeploymentFailure.Kind
        /// The event or error text Beanstalk would show.
        public var message: String
        /// The root cause in one sentence, with the fix.
        public var diagnosis: String
        /// `GET /_ebauth/decisions?requestId=…` when an AccessDenied caused it.
        public var decisionURL: String?
        public var decision: String?
    }

    public var log = EngineLog()
    /// Which registry served each host and what pulled (`--registry`, `--puller`).
    public var setup: [String] = []
    public var pulled: [String] = []
    public var failure: Failure?
    /// Index of the deployment that failed (or the last one run).
    public var deployment = 0

    public var succeeded: Bool { failure == nil }

    /// Everything a person reads, in order.
    public var text: String {
        var lines = setup.isEmpty ? [] : ["==> replay setup"] + setup
        lines += ["==> eb-engine.log"] + log.engine
        if !log.hooks.isEmpty { lines += ["==> eb-hooks.log"] + log.hooks }
        lines += ["==> events"] + log.events
        if let failure {
            lines += ["==> diagnosis", failure.diagnosis]
            if let url = failure.decisionURL { lines.append("IAM decision: \(url)") }
            if let decision = failure.decision { lines.append(decision) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
