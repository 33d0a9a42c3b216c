import AWSCore

/// Asks IAM before ECR acts, with ECR's action names and repository ARNs, the repository's
/// policy as the resource policy and the repository's account as the resource owner (so
/// cross-account access needs the repository policy, EB-SPEC §B.5).
struct ECRAuthorization: Sendable {
    let authorizer: any Authorizer

    /// `ecr:<action>` on a repository (or `*` when `repository` is nil). A refusal is returned,
    /// not thrown, so the API and the registry can word it each their own way.
    func decide(
        caller: CallerIdentity, action: String, registry: ECRRegistry, repository: String?, policy: String?,
        requestID: String = "", region: String, facts: RequestFacts? = nil, clock: AWSClock? = nil
    ) -> AccessDenial? {
        let resource = repository.map(registry.repositoryARN) ?? ECRRegistry.anyResource
        do {
            try authorizer.authorize(
                AuthorizationRequest(
                    caller: caller, action: "ecr:\(action)", resource: resource, resourcePolicy: policy,
                    resourceAccountID: registry.accountID, requestID: requestID, region: region, facts: facts,
                    clock: clock))
            return nil
        } catch {
            return error
        }
    }

    /// The API's form: `AccessDeniedException` (400) with IAM's text, resource unquoted. The
    /// request's facts go with it, so `aws:SourceIp` and friends decide ECR calls too.
    func require(
        _ context: RequestContext, action: String? = nil, registry: ECRRegistry, repository: String?, policy: String?
    ) throws(ECRError) {
        if let denial = decide(
            caller: context.caller, action: action ?? context.operation, registry: registry, repository: repository,
            policy: policy, requestID: context.requestID, region: context.region, facts: context.facts,
            clock: context.clock)
        {
            throw .accessDenied(denial.message())
        }
    }
}
