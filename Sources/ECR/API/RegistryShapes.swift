import Foundation

// Shapes of the registry-wide operations (botocore `ecr/2015-09-21`).

struct GetAuthorizationTokenRequest: Decodable, Sendable {
    var registryIds: [String]?
}

struct AuthorizationData: Encodable, Sendable, Equatable {
    var authorizationToken: String
    var expiresAt: Date
    var proxyEndpoint: String
}

struct GetAuthorizationTokenResponse: Encodable, Sendable {
    var authorizationData: [AuthorizationData]
}

struct DescribeRegistryRequest: Decodable, Sendable {}

struct ReplicationConfiguration: Encodable, Sendable {
    var rules: [ReplicationRule]
}

/// Never filled: replication is not built, so every registry has an empty rule list.
struct ReplicationRule: Encodable, Sendable {}

struct DescribeRegistryResponse: Encodable, Sendable {
    var registryId: String
    var replicationConfiguration: ReplicationConfiguration
}
