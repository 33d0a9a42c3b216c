import AWSCore

/// The only table of STS operation names.
extension STSBackend {
    func routes() -> QueryService {
        var service = QueryService(ServiceCatalog.sts)
        service.on("GetCallerIdentity") { request in
            let identity = getCallerIdentity(request.context)
            return [.leaf("Arn", identity.arn), .leaf("UserId", identity.userID), .leaf("Account", identity.account)]
        }
        service.on("AssumeRole") { request in
            let input = QueryInput(request)
            for unsupported in [
                "Policy", "PolicyArns.member.1.arn", "Tags.member.1.Key", "TransitiveTagKeys.member.1",
                "SerialNumber", "TokenCode", "SourceIdentity", "ProvidedContexts.member.1.ProviderArn",
            ]
            where input[unsupported] != nil {
                let name = unsupported.split(separator: ".").first.map(String.init) ?? unsupported
                throw STSError.notSupported("ebauth does not support \(name) in AssumeRole.")
            }
            let duration: Int?
            if let text = input["DurationSeconds"] {
                guard let value = Int(text) else {
                    throw STSError.validation(
                        "1 validation error detected: Value '\(text)' at 'durationSeconds' failed to satisfy constraint: Member must be a number"
                    )
                }
                duration = value
            } else {
                duration = nil
            }
            let session = try assumeRole(
                request.context, roleARN: input["RoleArn"], sessionName: input["RoleSessionName"],
                durationSeconds: duration, externalID: input["ExternalId"], sourceIP: QueryInput.sourceIP(request))
            return [
                .node(
                    "Credentials",
                    [
                        .leaf("AccessKeyId", session.accessKeyID), .leaf("SecretAccessKey", session.secretAccessKey),
                        .leaf("SessionToken", session.sessionToken),
                        .leaf("Expiration", IAMDate.iso8601(session.expiresAt)),
                    ]),
                .node("AssumedRoleUser", [.leaf("AssumedRoleId", session.userID), .leaf("Arn", session.arn)]),
            ]
        }
        return service
    }
}
