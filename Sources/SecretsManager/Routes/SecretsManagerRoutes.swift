import AWSCore

extension SecretsManagerBackend {
    /// The only table of Secrets Manager operation names. Requests arrive as
    /// `X-Amz-Target: secretsmanager.<Operation>`; operations not listed here are not built and
    /// the router answers them 501 NotImplemented.
    func routes() -> JSON11Service {
        var service = JSON11Service(ServiceCatalog.secretsManager)
        service.on("CreateSecret", createSecret)
        service.on("GetSecretValue", getSecretValue)
        service.on("PutSecretValue", putSecretValue)
        service.on("DescribeSecret", describeSecret)
        service.on("ListSecrets", listSecrets)
        service.on("DeleteSecret", deleteSecret)
        service.on("RestoreSecret", restoreSecret)
        service.on("TagResource", tagResource)
        service.on("UntagResource", untagResource)
        return service
    }
}
