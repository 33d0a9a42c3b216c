import AWSCore
import Foundation
import Registry

extension ECRBackend {
    func createRepository(_ input: CreateRepositoryRequest, context: RequestContext) throws -> CreateRepositoryResponse
    {
        let registry = try target(input.registryId, context)
        try ECRNames.checkRepositoryName(input.repositoryName)
        let mutability = try TagMutability.validate(
            input.imageTagMutability ?? "MUTABLE", exclusions: input.imageTagMutabilityExclusionFilters)
        let encryption = input.encryptionConfiguration ?? EncryptionConfiguration(encryptionType: "AES256")
        try Self.checkEncryption(encryption)
        let tags = input.tags ?? []
        try Self.checkTags(tags, existing: [])
        try authorization.require(context, registry: registry, repository: input.repositoryName, policy: nil)
        let record = RepositoryRecord(
            registry: registry, name: input.repositoryName, createdAt: clock.now(), mutability: mutability,
            scanOnPush: input.imageScanningConfiguration?.scanOnPush ?? false,
            encryptionType: encryption.encryptionType,
            kmsKey: encryption.kmsKey)
        try store.write { transaction in
            guard try transaction.repository(registry, input.repositoryName) == nil else {
                throw ECRError.repositoryAlreadyExists(name: input.repositoryName, registryID: registry.accountID)
            }
            try transaction.insertRepository(record)
            try transaction.registry.createRepository(registry.namespace.id, input.repositoryName)
            for tag in tags { try transaction.setTag(registry, input.repositoryName, tag) }
        }
        return CreateRepositoryResponse(repository: describe(record))
    }

    func describeRepositories(_ input: DescribeRepositoriesRequest, context: RequestContext) throws
        -> DescribeRepositoriesResponse
    {
        let registry = try target(input.registryId, context)
        try ECRNames.checkMaxResults(input.maxResults)
        if let names = input.repositoryNames {
            guard input.maxResults == nil, input.nextToken == nil else {
                throw ECRError.invalidParameter(
                    "Invalid parameter: maxResults and nextToken cannot be used together with repositoryNames")
            }
            try ECRNames.checkBatch(names.count, member: "repositoryNames")
            let records = try store.read { transaction in
                try names.map { try authorizedRepository(context, registry, $0, in: transaction) }
            }
            return DescribeRepositoriesResponse(repositories: records.map(describe))
        }
        try authorization.require(context, registry: registry, repository: nil, policy: nil)
        let all = try store.read { try $0.repositories(registry) }
        let offset = try ECRPageToken.decode(
            input.nextToken, listing: "DescribeRepositories", scope: registry.namespace.id)
        let (page, next) = ECRPageToken.page(
            all, offset: offset, limit: input.maxResults ?? 100, listing: "DescribeRepositories",
            scope: registry.namespace.id)
        return DescribeRepositoriesResponse(repositories: page.map(describe), nextToken: next)
    }

    /// Without `force`, a repository that holds images is refused; with it, everything goes
    /// (images, layers, uploads, policies, tags).
    func deleteRepository(_ input: DeleteRepositoryRequest, context: RequestContext) throws -> DeleteRepositoryResponse
    {
        let record = try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            if input.force != true, try !transaction.registry.manifests(namespace, record.name).isEmpty {
                throw ECRError.repositoryNotEmpty(name: record.name, registryID: record.registry.accountID)
            }
            try transaction.registry.deleteRepository(namespace, record.name)
            try transaction.deleteRepository(record.registry, record.name)
            return record
        }
        return DeleteRepositoryResponse(repository: describe(record))
    }

    func putImageTagMutability(_ input: PutImageTagMutabilityRequest, context: RequestContext) throws
        -> PutImageTagMutabilityResponse
    {
        let mutability = try TagMutability.validate(
            input.imageTagMutability, exclusions: input.imageTagMutabilityExclusionFilters)
        let record = try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            try transaction.setMutability(record.registry, record.name, mutability)
            return record
        }
        return PutImageTagMutabilityResponse(
            registryId: record.registry.accountID, repositoryName: record.name, imageTagMutability: mutability.setting,
            imageTagMutabilityExclusionFilters: input.imageTagMutabilityExclusionFilters)
    }

    /// Stored and reported; ebauth scans nothing.
    func putImageScanningConfiguration(_ input: PutImageScanningConfigurationRequest, context: RequestContext) throws
        -> PutImageScanningConfigurationResponse
    {
        let scanOnPush = input.imageScanningConfiguration.scanOnPush ?? false
        let record = try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            try transaction.setScanOnPush(record.registry, record.name, scanOnPush)
            return record
        }
        return PutImageScanningConfigurationResponse(
            registryId: record.registry.accountID, repositoryName: record.name,
            imageScanningConfiguration: ImageScanningConfiguration(scanOnPush: scanOnPush))
    }

    // MARK: Rules

    /// AES256 (the default) takes no key; KMS and KMS_DSSE may name one. Keys are stored as
    /// given, not checked against KMS (there is no KMS here). Wording unverified.
    static func checkEncryption(_ encryption: EncryptionConfiguration) throws(ECRError) {
        guard ["AES256", "KMS", "KMS_DSSE"].contains(encryption.encryptionType) else {
            throw .validation(
                "1 validation error detected: Value '\(encryption.encryptionType.prefix(64))' at 'encryptionConfiguration.encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]"
            )
        }
        if encryption.encryptionType == "AES256", encryption.kmsKey != nil {
            throw .invalidParameter(
                "Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'kmsKey can only be specified when encryptionType is KMS or KMS_DSSE'"
            )
        }
        if let key = encryption.kmsKey, key.isEmpty || key.utf8.count > 2048 {
            throw .validation(
                "1 validation error detected: Value at 'encryptionConfiguration.kmsKey' failed to satisfy constraint: Member must have length between 1 and 2048"
            )
        }
    }

    /// Keys 1–128 characters, values up to 256, at most 50 tags on a repository, no `aws:`
    /// prefix (the model's documentation; wording unverified).
    static func checkTags(_ tags: [ResourceTag], existing: [ResourceTag]) throws(ECRError) {
        for tag in tags {
            guard (1...128).contains(tag.Key.count), tag.Value.count <= 256, !tag.Key.lowercased().hasPrefix("aws:")
            else {
                throw .invalidTagParameter(
                    "An invalid parameter has been specified. Tag keys can have a maximum character length of 128 characters, and tag values can have a maximum length of 256 characters."
                )
            }
        }
        let keys = Set(existing.map(\.Key)).union(tags.map(\.Key))
        if keys.count > 50 {
            throw .tooManyTags(
                "The list of tags on the repository is over the limit. The maximum number of tags that can be applied to a repository is 50."
            )
        }
    }
}
