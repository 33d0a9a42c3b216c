import AWSCore
import Foundation
import KMS

extension SecretsManagerBackend {
    func createSecret(_ input: CreateSecretRequest, context: RequestContext) throws -> CreateSecretResponse {
        try SecretRules.checkName(input.Name)
        if let regions = input.AddReplicaRegions, !regions.isEmpty {
            throw SecretsManagerError.notImplemented("Replicating secrets to other regions (AddReplicaRegions)")
        }
        let scope = scope(context)
        let value = try value(string: input.SecretString, binary: input.SecretBinary)
        let versionID = try versionID(input.ClientRequestToken)
        let now = clock.now()
        let existing = try store.write { transaction in
            try transaction.purgeExpired(now: now)
            return try transaction.secret(scope, name: input.Name)
        }
        let arn = existing?.arn ?? SecretID.makeARN(scope, name: input.Name)
        try authorization.require(context, on: arn)
        let tags = try tagPairs(input.Tags ?? [])
        if !tags.isEmpty { try authorization.require(context, action: "secretsmanager:TagResource", on: arn) }
        if let existing {
            if existing.deletedDate != nil {
                throw SecretsManagerError.invalidRequest(
                    "You can't create this secret because a secret with this name is already scheduled for deletion.")
            }
            throw SecretsManagerError.resourceExists(name: input.Name)
        }
        if let keyID = input.KmsKeyId {
            guard try kms.names(keyID, managedKey: .secretsManager, in: scope.kms) else {
                throw SecretsManagerError.notImplemented(
                    "Encrypting secrets with a customer managed KMS key (\(keyID))")
            }
        }
        let version = try value.map {
            try sealVersion($0, versionID: versionID, secretARN: arn, scope: scope, context: context)
        }
        try store.write { transaction in
            if try transaction.secret(scope, name: input.Name) != nil {
                throw SecretsManagerError.resourceExists(name: input.Name)
            }
            let id = try transaction.insertSecret(
                StoredSecret(
                    id: 0, scope: scope, name: input.Name, arn: arn, description: input.Description,
                    kmsKeyID: input.KmsKeyId,
                    createdDate: now, lastChangedDate: now))
            if let version {
                try transaction.insertVersion(secretID: id, version)
                try transaction.setStage(secretID: id, stage: SecretRules.currentStage, versionID: version.versionID)
            }
            try transaction.putTags(secretID: id, tags)
        }
        return CreateSecretResponse(ARN: arn, Name: input.Name, VersionId: version?.versionID)
    }

    func getSecretValue(_ input: GetSecretValueRequest, context: RequestContext) throws -> GetSecretValueResponse {
        let secret = try findLive(input.SecretId, context: context)
        let (version, stages) = try store.read { transaction -> (StoredVersion, [String]) in
            let byVersion = try stagesByVersion(secretID: secret.id, in: transaction)
            let stagesNow = try transaction.stages(secretID: secret.id)
            let versionID: String
            if let wanted = input.VersionId {
                versionID = wanted
                if let stage = input.VersionStage, stagesNow[stage] != wanted {
                    throw SecretsManagerError.versionNotFound(kind: "VersionId", value: wanted)
                }
            } else {
                let stage = input.VersionStage ?? SecretRules.currentStage
                guard let staged = stagesNow[stage] else {
                    throw SecretsManagerError.versionNotFound(kind: "staging label", value: stage)
                }
                versionID = staged
            }
            guard let version = try transaction.version(secretID: secret.id, versionID: versionID) else {
                throw SecretsManagerError.versionNotFound(kind: "VersionId", value: versionID)
            }
            return (version, byVersion[versionID] ?? [])
        }
        let plaintext = try open(version, secret: secret, context: context)
        // LastAccessedDate is kept to the day, as Secrets Manager reports it.
        let day = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: clock.now())
        let midnight = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC")!,
            year: day.year, month: day.month, day: day.day
        ).date
        try store.write { try $0.touch(secretID: secret.id, accessed: midnight) }
        return GetSecretValueResponse(
            ARN: secret.arn, Name: secret.name, VersionId: version.versionID,
            SecretBinary: version.isBinary ? Data(plaintext) : nil,
            SecretString: version.isBinary ? nil : String(decoding: plaintext, as: UTF8.self),
            VersionStages: stages, CreatedDate: version.createdDate)
    }

    func putSecretValue(_ input: PutSecretValueRequest, context: RequestContext) throws -> PutSecretValueResponse {
        let secret = try findLive(input.SecretId, context: context)
        if input.RotationToken != nil { throw SecretsManagerError.notImplemented("Rotation (RotationToken)") }
        guard let value = try value(string: input.SecretString, binary: input.SecretBinary) else {
            throw SecretsManagerError.invalidParameter("You must provide either SecretString or SecretBinary.")
        }
        let versionID = try versionID(input.ClientRequestToken)
        let stages = input.VersionStages ?? [SecretRules.currentStage]
        if let existing = try store.read({ try $0.version(secretID: secret.id, versionID: versionID) }) {
            // The same token and value again is a retry: nothing changes. Constant time, so that the
            // answer's timing says nothing about how much of the stored value a caller guessed.
            guard existing.isBinary == value.isBinary,
                constantTimeEquals(try open(existing, secret: secret, context: context), value.bytes)
            else {
                throw SecretsManagerError.versionExists
            }
            let current = try store.read { try stagesByVersion(secretID: secret.id, in: $0) }
            return PutSecretValueResponse(
                ARN: secret.arn, Name: secret.name, VersionId: versionID, VersionStages: current[versionID] ?? [])
        }
        let version = try sealVersion(
            value, versionID: versionID, secretARN: secret.arn, scope: secret.scope, context: context)
        let now = clock.now()
        try store.write { transaction in
            try transaction.insertVersion(secretID: secret.id, version)
            let before = try transaction.stages(secretID: secret.id)
            for stage in stages {
                // Moving AWSCURRENT makes the version it leaves AWSPREVIOUS.
                if stage == SecretRules.currentStage, let old = before[stage], old != versionID {
                    try transaction.setStage(secretID: secret.id, stage: SecretRules.previousStage, versionID: old)
                }
                try transaction.setStage(secretID: secret.id, stage: stage, versionID: versionID)
            }
            try transaction.touch(secretID: secret.id, changed: now)
        }
        return PutSecretValueResponse(
            ARN: secret.arn, Name: secret.name, VersionId: versionID, VersionStages: stages.sorted())
    }
}
