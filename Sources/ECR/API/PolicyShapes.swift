import Foundation

// Shapes of the repository and lifecycle policy operations (botocore `ecr/2015-09-21`).

struct RepositoryRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
}

struct SetRepositoryPolicyRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var policyText: String
    var force: Bool?
}

struct RepositoryPolicyResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var policyText: String
}

struct PutLifecyclePolicyRequest: Decodable, Sendable {
    var registryId: String?
    var repositoryName: String
    var lifecyclePolicyText: String
}

struct PutLifecyclePolicyResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var lifecyclePolicyText: String
}

struct LifecyclePolicyResponse: Encodable, Sendable {
    var registryId: String
    var repositoryName: String
    var lifecyclePolicyText: String
    /// Omitted: ebauth never evaluates lifecycle policies.
    var lastEvaluatedAt: Date?
}
