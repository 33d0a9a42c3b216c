import AWSCore
import Foundation

extension ECRBackend {
    /// One token per registry asked for (the caller's own without `registryIds`). A token is not
    /// limited to its registry: it speaks for the caller, who may reach any registry its
    /// policies allow (EB-SPEC §B.2), in this region only. The identity policy alone decides
    /// (`*` resource; repository policies cannot grant it).
    func getAuthorizationToken(_ input: GetAuthorizationTokenRequest, context: RequestContext) throws
        -> GetAuthorizationTokenResponse
    {
        let ids = input.registryIds ?? [context.accountID]
        if input.registryIds != nil { try ECRNames.checkBatch(ids.count, member: "registryIds") }
        for id in ids { try ECRNames.checkRegistryID(id) }
        try authorization.require(
            context, registry: ECRRegistry(accountID: context.accountID, region: context.region), repository: nil,
            policy: nil)
        let issuedAt = clock.now()
        let expiresAt = issuedAt.addingTimeInterval(tokenLifetime)
        var data: [AuthorizationData] = []
        try store.write { transaction in
            try transaction.deleteTokens(expiredBefore: issuedAt.addingTimeInterval(-7 * 24 * 3600))
            for id in ids {
                let password = AuthorizationPassword.mint(expiresAt: expiresAt)
                try transaction.insertToken(
                    hash: AuthorizationPassword.hash(password),
                    TokenRecord(
                        registryID: id, region: context.region, caller: context.caller, issuedAt: issuedAt,
                        expiresAt: expiresAt))
                let registry = ECRRegistry(accountID: id, region: context.region)
                data.append(
                    AuthorizationData(
                        authorizationToken: AuthorizationPassword.authorizationToken(password), expiresAt: expiresAt,
                        proxyEndpoint: "https://" + ECRHost.advertisedName(registry, endpoint: endpoint())))
            }
        }
        return GetAuthorizationTokenResponse(authorizationData: data)
    }

    /// Replication is not built, so the configuration is always empty.
    func describeRegistry(_ input: DescribeRegistryRequest, context: RequestContext) throws -> DescribeRegistryResponse
    {
        let registry = ECRRegistry(accountID: context.accountID, region: context.region)
        try authorization.require(context, registry: registry, repository: nil, policy: nil)
        return DescribeRegistryResponse(
            registryId: registry.accountID, replicationConfiguration: ReplicationConfiguration(rules: []))
    }
}
