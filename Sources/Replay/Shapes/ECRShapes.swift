import Foundation

// ECR operations the instance and the seeder call (botocore `ecr/2015-09-21`). Members of
// outputs are optional, as botocore treats them.

protocol ECROperation: AWSJSONOperation {}

extension ECROperation {
    static var service: String { "ecr" }
    static var targetPrefix: String { "AmazonEC2ContainerRegistry_V20150921" }
}

struct GetAuthorizationTokenRequest: ECROperation {
    typealias Output = GetAuthorizationTokenResponse
    static var operation: String { "GetAuthorizationToken" }
    var registryIds: [String]?
}

struct GetAuthorizationTokenResponse: Decodable, Sendable {
    var authorizationData: [AuthorizationData]?
}

struct AuthorizationData: Decodable, Sendable {
    /// base64 of `AWS:<password>`, what `docker login` is given.
    var authorizationToken: String?
    var proxyEndpoint: String?
}

struct CreateRepositoryRequest: ECROperation {
    typealias Output = CreateRepositoryResponse
    static var operation: String { "CreateRepository" }
    var repositoryName: String
}

struct CreateRepositoryResponse: Decodable, Sendable {
    var repository: Repository?
}

struct Repository: Decodable, Sendable {
    var repositoryArn: String?
    var repositoryName: String?
    var repositoryUri: String?
}

struct SetRepositoryPolicyRequest: ECROperation {
    typealias Output = SetRepositoryPolicyResponse
    static var operation: String { "SetRepositoryPolicy" }
    var repositoryName: String
    var policyText: String
}

struct SetRepositoryPolicyResponse: Decodable, Sendable {
    var repositoryName: String?
    var policyText: String?
}
