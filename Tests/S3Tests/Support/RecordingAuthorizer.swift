import AWSCore
import Foundation

/// An authorizer that allows what its policy says and records every question, so tests can see
/// the action, resource, resource policy and resource account each operation asks about.
final class RecordingAuthorizer: Authorizer, @unchecked Sendable {
    enum Policy: Sendable {
        case allowAll
        /// Only these actions (`s3:GetObject`), on any resource.
        case allow(Set<String>)
    }

    let policy: Policy
    private let lock = NSLock()
    private var asked: [AuthorizationRequest] = []

    init(policy: Policy) {
        self.policy = policy
    }

    var requests: [AuthorizationRequest] { lock.withLock { asked } }

    func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {
        lock.withLock { asked.append(request) }
        switch policy {
        case .allowAll:
            return
        case .allow(let actions):
            if actions.contains(request.action) { return }
            throw AccessDenial(
                callerARN: request.caller.arn, action: request.action, resource: request.resource,
                reason: .noIdentityPolicyAllows)
        }
    }
}
