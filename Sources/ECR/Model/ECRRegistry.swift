import Registry

/// One ECR private registry: an account in a region. Repositories, tokens' scope and the
/// registry data plane's storage (`RegistryNamespace.ecr`) are all keyed by it.
struct ECRRegistry: Hashable, Sendable {
    var accountID: String
    var region: String

    var namespace: RegistryNamespace { .ecr(accountID: accountID, region: region) }

    func repositoryARN(_ name: String) -> String {
        "arn:aws:ecr:\(region):\(accountID):repository/\(name)"
    }

    /// The resource of operations on no repository (GetAuthorizationToken, listing all).
    static let anyResource = "*"
}
