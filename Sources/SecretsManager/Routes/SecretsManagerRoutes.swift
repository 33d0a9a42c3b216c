import AWSCore

extension SecretsManagerBackend {
    /// The only table of Secrets Manager operation names. Requests arrive as
    /// `X-Amz-Target: secretsmanager.<Operation>`; operations not listed here are not built and
    /// the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
        var service = JSON11Service(ServiceCatalog.secretsManager)
        service.on("CreateSecret") { (input: CreateSecretRequest, request) in
            try createSecret(input, context: request.context)
        }
        service.on("GetSecretValue") { (input: GetSecretValueRequest, request) in
            try getSecretValue(input, context: request.context)
        }
        service.on("PutSecretValue") { (input: PutSecretValueRequest, request) in
            try putSecretValue(input, context: request.context)
        }
        service.on("DescribeSecret") { (input: DescribeSecretRequest, request) in
            try describeSecret(input, context: request.context)
        }
        service.on("ListSecrets") { (input: ListSecretsRequest, request) in
            try listSecrets(input, context: request.context)
        }
        service.on("DeleteSecret") { (input: DeleteSecretRequest, request) in
            try deleteSecret(input, context: request.context)
        }
        service.on("RestoreSecret") { (input: RestoreSecretRequest, request) in
            try restoreSecret(input, context: request.context)
        }
        service.on("TagResource") { (input: TagResourceRequest, request) in
            try tagResource(input, context: request.context)
        }
        service.on("UntagResource") { (input: UntagResourceRequest, request) in
            try untagResource(input, context: request.context)
        }
        return service
    }
}
