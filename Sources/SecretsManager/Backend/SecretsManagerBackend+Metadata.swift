import AWSCore
import Foundation

extension SecretsManagerBackend {
    func describe(_ secret: StoredSecret, in transaction: SecretsTransaction, listing: Bool) throws -> SecretDescription
    {
        let tags = try transaction.tags(secretID: secret.id)
        let stages = try stagesByVersion(secretID: secret.id, in: transaction)
        return SecretDescription(
            ARN: secret.arn, Name: secret.name, Description: secret.description, KmsKeyId: secret.kmsKeyID,
            LastChangedDate: secret.lastChangedDate, LastAccessedDate: secret.lastAccessedDate,
            DeletedDate: secret.deletedDate, Tags: tags.isEmpty ? nil : tags,
            VersionIdsToStages: listing || stages.isEmpty ? nil : stages,
            SecretVersionsToStages: listing && !stages.isEmpty ? stages : nil, CreatedDate: secret.createdDate)
    }

    func describeSecret(_ input: DescribeSecretRequest, context: RequestContext) throws -> SecretDescription {
        let secret = try find(input.SecretId, context: context)
        return try store.read { try describe(secret, in: $0, listing: false) }
    }

    /// Pages of at most `MaxResults` (1…100, default 100), in creation order (`SortOrder`
    /// `desc` reverses it); the token is the position of the next secret.
    func listSecrets(_ input: ListSecretsRequest, context: RequestContext) throws -> ListSecretsResponse {
        let scope = scope(context)
        try authorization.require(context, on: "*")
        let limit = input.MaxResults ?? 100
        guard (1...100).contains(limit) else {
            throw SecretsManagerError.validation(
                "1 validation error detected: Value '\(limit)' at 'maxResults' failed to satisfy constraint: Member must have value \(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")"
            )
        }
        var offset = 0
        if let token = input.NextToken {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("offset:"), let value = Int(text.dropFirst(7)), value >= 0
            else { throw SecretsManagerError.invalidNextToken }
            offset = value
        }
        let filters = try (input.Filters ?? []).map(SecretFilter.init)
        let descending: Bool
        switch input.SortOrder {
        case nil, "asc": descending = false
        case "desc": descending = true
        case let other?:
            throw SecretsManagerError.validation(
                "1 validation error detected: Value '\(other)' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [asc, desc]"
            )
        }
        let now = clock.now()
        return try store.write { transaction in
            try transaction.purgeExpired(now: now)
            var entries: [SecretDescription] = []
            for secret in try transaction.secrets(
                scope, afterID: descending ? Int64.max : 0, limit: Int.max, descending: descending)
            {
                if secret.deletedDate != nil && input.IncludePlannedDeletion != true { continue }
                let entry = try describe(secret, in: transaction, listing: true)
                if filters.allSatisfy({ $0.matches(entry) }) { entries.append(entry) }
            }
            let page = Array(entries.dropFirst(offset).prefix(limit))
            let next =
                offset + page.count < entries.count
                ? Data("offset:\(offset + page.count)".utf8).base64EncodedString() : nil
            return ListSecretsResponse(SecretList: page, NextToken: next)
        }
    }

    func deleteSecret(_ input: DeleteSecretRequest, context: RequestContext) throws -> DeleteSecretResponse {
        let force = input.ForceDeleteWithoutRecovery ?? false
        if force && input.RecoveryWindowInDays != nil {
            throw SecretsManagerError.invalidParameter(
                "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.")
        }
        let days = input.RecoveryWindowInDays ?? 30
        guard (7...30).contains(days) else {
            throw SecretsManagerError.invalidParameter(
                "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
        }
        let secret = try find(input.SecretId, context: context)
        let now = clock.now()
        if force {
            try store.write { try $0.deleteSecret(secretID: secret.id) }
            return DeleteSecretResponse(ARN: secret.arn, Name: secret.name, DeletionDate: now)
        }
        if secret.deletedDate != nil { throw SecretsManagerError.markedForDeletion }
        let deletion = now.addingTimeInterval(TimeInterval(days) * 86_400)
        try store.write { try $0.setDeletedDate(secretID: secret.id, deletion) }
        return DeleteSecretResponse(ARN: secret.arn, Name: secret.name, DeletionDate: deletion)
    }

    func restoreSecret(_ input: RestoreSecretRequest, context: RequestContext) throws -> RestoreSecretResponse {
        let secret = try find(input.SecretId, context: context)
        try store.write { try $0.setDeletedDate(secretID: secret.id, nil) }
        return RestoreSecretResponse(ARN: secret.arn, Name: secret.name)
    }

    func tagResource(_ input: TagResourceRequest, context: RequestContext) throws -> EmptyResponse {
        let secret = try findLive(input.SecretId, context: context)
        let tags = try tagPairs(input.Tags)
        try store.write { try $0.putTags(secretID: secret.id, tags) }
        return EmptyResponse()
    }

    func untagResource(_ input: UntagResourceRequest, context: RequestContext) throws -> EmptyResponse {
        let secret = try findLive(input.SecretId, context: context)
        try store.write { try $0.removeTags(secretID: secret.id, keys: input.TagKeys) }
        return EmptyResponse()
    }
}

/// One `ListSecrets` filter: every value is a prefix, `!` in front negates it (API reference,
/// "Filter"). Name and description match without regard to case, as AWS documents.
struct SecretFilter {
    enum Key: String { case description, name, tagKey = "tag-key", tagValue = "tag-value", all }
    var key: Key
    var values: [String]

    init(_ filter: Filter) throws(SecretsManagerError) {
        guard let raw = filter.Key, let key = Key(rawValue: raw) else {
            throw .validation(
                "1 validation error detected: Value '\(filter.Key ?? "null")' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [all, name, tag-key, description, tag-value]"
            )
        }
        self.key = key
        values = filter.Values ?? []
    }

    func matches(_ entry: SecretDescription) -> Bool {
        let tags = entry.Tags ?? []
        let fields: [String]
        switch key {
        case .name: fields = [entry.Name]
        case .description: fields = [entry.Description ?? ""]
        case .tagKey: fields = tags.compactMap(\.Key)
        case .tagValue: fields = tags.compactMap(\.Value)
        case .all: fields = [entry.Name, entry.Description ?? ""] + tags.compactMap(\.Key) + tags.compactMap(\.Value)
        }
        return values.contains { value in
            let negated = value.hasPrefix("!")
            let prefix = (negated ? String(value.dropFirst()) : value).lowercased()
            let hit = fields.contains { $0.lowercased().hasPrefix(prefix) }
            return negated ? !hit : hit
        }
    }
}
