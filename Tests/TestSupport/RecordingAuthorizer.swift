import AWSCore
import Synchronization

/// Records every question asked and refuses the ones its rule picks, with the reason IAM
/// would give: a caller of another account is refused for want of a resource policy.
public final class RecordingAuthorizer: Authorizer, Sendable {
    public enum Policy: Sendable {
        case allowAll
        /// Only these actions (`s3:GetObject`), on any resource.
        case allow(Set<String>)
    }

    private struct State {
        var requests: [AuthorizationRequest] = []
        var denies: @Sendable (AuthorizationRequest) -> Bool
    }

    private let state: Mutex<State>

    public init(policy: Policy = .allowAll) {
        switch policy {
        case .allowAll: state = Mutex(State(denies: { _ in false }))
        case .allow(let actions): state = Mutex(State(denies: { !actions.contains($0.action) }))
        }
    }

    public var requests: [AuthorizationRequest] { state.withLock { $0.requests } }

    /// Refuses what `rule` picks from now on, instead of what was refused before.
    public func deny(_ rule: @escaping @Sendable (AuthorizationRequest) -> Bool) {
        state.withLock { $0.denies = rule }
    }

    /// Refuses `action` too, keeping what is already refused.
    public func deny(_ action: String) {
        state.withLock { state in
            let earlier = state.denies
            state.denies = { earlier($0) || $0.action == action }
        }
    }

    /// Forgets the questions asked so far; the rule stays.
    public func reset() {
        state.withLock { $0.requests = [] }
    }

    public func authorize(_ request: AuthorizationRequest) throws(AccessDenial) {
        let denied = state.withLock { state -> Bool in
            state.requests.append(request)
            return state.denies(request)
        }
        if denied {
            throw AccessDenial(
                callerARN: request.caller.arn, action: request.action, resource: request.resource,
                reason: request.resourceAccountID == request.caller.accountID
                    ? .noIdentityPolicyAllows : .noResourcePolicyAllows)
        }
    }
}
