import AWSCore
import Foundation

extension ECRBackend {
    /// Replaces the repository policy. The policy in force is the one IAM checks this call
    /// against (replacing a policy needs ecr:SetRepositoryPolicy under the old one). `force`
    /// (skip the lock-out check) changes nothing here: ebauth has no lock-out check.
    func setRepositoryPolicy(_ input: SetRepositoryPolicyRequest, context: RequestContext) throws
        -> RepositoryPolicyResponse
    {
        try PolicyText.checkRepositoryPolicy(input.policyText)
        let record = try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            try transaction.setPolicy(record.registry, record.name, input.policyText)
            return record
        }
        return RepositoryPolicyResponse(
            registryId: record.registry.accountID, repositoryName: record.name, policyText: input.policyText)
    }

    func getRepositoryPolicy(_ input: RepositoryRequest, context: RequestContext) throws -> RepositoryPolicyResponse {
        try readRepository(context, input.registryId, input.repositoryName) { record, _ in
            guard let text = record.policyText else {
                throw ECRError.repositoryPolicyNotFound(name: record.name, registryID: record.registry.accountID)
            }
            return RepositoryPolicyResponse(
                registryId: record.registry.accountID, repositoryName: record.name, policyText: text)
        }
    }

    func deleteRepositoryPolicy(_ input: RepositoryRequest, context: RequestContext) throws -> RepositoryPolicyResponse
    {
        try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            guard let text = record.policyText else {
                throw ECRError.repositoryPolicyNotFound(name: record.name, registryID: record.registry.accountID)
            }
            try transaction.setPolicy(record.registry, record.name, nil)
            return RepositoryPolicyResponse(
                registryId: record.registry.accountID, repositoryName: record.name, policyText: text)
        }
    }

    /// Lifecycle policies are checked and stored; ebauth does not run them (no image expires).
    func putLifecyclePolicy(_ input: PutLifecyclePolicyRequest, context: RequestContext) throws
        -> PutLifecyclePolicyResponse
    {
        try PolicyText.checkLifecyclePolicy(input.lifecyclePolicyText)
        let record = try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            try transaction.setLifecyclePolicy(record.registry, record.name, input.lifecyclePolicyText)
            return record
        }
        return PutLifecyclePolicyResponse(
            registryId: record.registry.accountID, repositoryName: record.name,
            lifecyclePolicyText: input.lifecyclePolicyText)
    }

    /// No `lastEvaluatedAt`: the policy has never been evaluated.
    func getLifecyclePolicy(_ input: RepositoryRequest, context: RequestContext) throws -> LifecyclePolicyResponse {
        try readRepository(context, input.registryId, input.repositoryName) { record, _ in
            guard let text = record.lifecyclePolicyText else {
                throw ECRError.lifecyclePolicyNotFound(name: record.name, registryID: record.registry.accountID)
            }
            return LifecyclePolicyResponse(
                registryId: record.registry.accountID, repositoryName: record.name, lifecyclePolicyText: text,
                lastEvaluatedAt: nil)
        }
    }

    func deleteLifecyclePolicy(_ input: RepositoryRequest, context: RequestContext) throws -> LifecyclePolicyResponse {
        try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            guard let text = record.lifecyclePolicyText else {
                throw ECRError.lifecyclePolicyNotFound(name: record.name, registryID: record.registry.accountID)
            }
            try transaction.setLifecyclePolicy(record.registry, record.name, nil)
            return LifecyclePolicyResponse(
                registryId: record.registry.accountID, repositoryName: record.name, lifecyclePolicyText: text,
                lastEvaluatedAt: nil)
        }
    }
}
