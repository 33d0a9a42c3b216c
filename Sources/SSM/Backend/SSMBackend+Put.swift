import AWSCore
import Foundation
import KMS

extension SSMBackend {
    /// PutParameter: creates a parameter, or with `Overwrite` adds a version to it.
    func putParameter(_ input: PutParameterRequest, context: RequestContext) throws -> PutParameterResult {
        let scope = SSMScope(context)
        try Self.checkConstraints(input)
        let value = input.Value ?? ""
        let name = try ParameterName(input.Name ?? "")
        try name.checkCreatable(in: scope)
        try checkSupported(input, value: value)

        let arn = name.arn(in: scope)
        try authorization.require(context, on: arn)
        if !(input.Tags ?? []).isEmpty {
            // Tagging on creation needs the tagging permission as well (Parameter Store docs).
            try authorization.require(context, action: "ssm:AddTagsToResource", on: arn)
        }

        // Read, decide, then write only if nobody added a version meanwhile: the authorizer and
        // the key lookup stay outside the write transaction.
        let current = try store.read { transaction -> ParameterSummary? in
            guard let parameter = try transaction.parameter(scope, key: name.key),
                let latest = try transaction.version(parameterID: parameter.id, parameter.latestVersion)
            else { return nil }
            return ParameterSummary(parameter: parameter, latest: latest)
        }
        if current != nil && !(input.Overwrite ?? false) { throw SSMError.parameterAlreadyExists }
        let version = try nextVersion(input, value: value, current: current, scope: scope, context: context, arn: arn)
        return try addVersion(version, to: name, expecting: current, scope: scope, tags: input.Tags ?? [])
    }

    /// The members' own constraints, reported together as one ValidationException.
    private static func checkConstraints(_ input: PutParameterRequest) throws {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Name, "name")
        violations.requireNonNull(input.Value, "value")
        violations.checkLength(input.Name, "name", min: 1, max: ParameterName.maxLength)
        violations.checkLength(input.Description, "description", max: 1024)
        violations.checkLength(input.AllowedPattern, "allowedPattern", max: 1024)
        violations.checkLength(input.KeyId, "keyId", min: 1, max: 256)
        violations.checkPattern(input.KeyId, "keyId", "^([a-zA-Z0-9:/_-]+)$") {
            Regex.matches("^([a-zA-Z0-9:/_-]+)$", $0)
        }
        violations.checkEnum(input.Type, "type", ParameterType.enumValueSet)
        violations.checkEnum(input.Tier, "tier", ParameterTier.requestValues)
        violations.checkLength(input.DataType, "dataType", max: 128)
        violations.checkCount(input.Tags, "tags", shown: "'[…]'", max: 1000)
        if input.Value == "" {
            violations.addSensitive(at: "value", "Member must have length greater than or equal to 1")
        }
        TagRules.check(input.Tags ?? [], into: &violations)
        violations.checkLength(input.Policies, "policies", min: 1, max: 4096)
        try violations.check()
    }

    /// What the request asks that SSM refuses, or ebauth does not do, whatever is stored.
    private func checkSupported(_ input: PutParameterRequest, value: String) throws {
        if let policies = input.Policies, !Self.isEmptyPolicyList(policies) {
            // Expiration and notification policies act over time; accepting them without acting
            // would be a fake success. An empty list (which clears policies) is honest to accept.
            throw SSMError.notImplemented("Parameter policies (the Policies member)")
        }
        if (input.Overwrite ?? false) && !(input.Tags ?? []).isEmpty {
            throw SSMError.validation(
                "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource."
            )
        }
        if let dataType = input.DataType,
            ![
                ParameterDataType.text.rawValue, ParameterDataType.ec2Image.rawValue,
                ParameterDataType.integration,
            ].contains(dataType)
        {
            throw SSMError.validation(
                "The following data type is not supported: \(dataType) (Data type names are all lowercase.)")
        }
        if input.DataType == ParameterDataType.integration {
            throw SSMError.notImplemented("The aws:ssm:integration data type")
        }
        try ParameterValueRules.checkNoNestedReference(value)
        if (input.Tags ?? []).count > limits.tagsPerResource { throw SSMError.tooManyTags }
    }

    /// The version this write adds: the type, tier and members decided against the current
    /// version, and the value encrypted for a SecureString. Numbered after the current one; the
    /// write checks that it is still the latest.
    private func nextVersion(
        _ input: PutParameterRequest, value: String, current: ParameterSummary?, scope: SSMScope,
        context: RequestContext, arn: String
    ) throws -> StoredVersion {
        guard let type = input.Type.flatMap(ParameterType.init(rawValue:)) ?? current?.parameter.type else {
            throw SSMError.validation("A parameter type is required when you create a parameter.")
        }
        if let current, current.parameter.type != type { throw SSMError.hierarchyTypeMismatch }

        // Members left out of an overwrite keep their previous values.
        let description = input.Description ?? current?.latest.description
        let allowedPattern = input.AllowedPattern ?? current?.latest.allowedPattern
        let dataType = input.DataType ?? current?.latest.dataType ?? ParameterDataType.text.rawValue
        try checkValue(value, type: type, dataType: dataType, allowedPattern: allowedPattern, input: input)

        let tier = try chooseTier(
            requested: input.Tier, current: current?.parameter.tier, value: value, scope: scope,
            creating: current == nil)
        try ParameterValueRules.checkLength(value, tier: tier)

        if type != .secureString && input.KeyId != nil {
            // Unverified wording, as recalled from AWS.
            throw SSMError.validation("KeyId is required for SecureString type parameter only.")
        }
        let (keyID, content) = try storedContent(
            value, type: type, tier: tier, requestedKey: input.KeyId ?? current?.latest.keyID, scope: scope,
            context: context, arn: arn)
        return StoredVersion(
            version: (current?.parameter.latestVersion ?? 0) + 1, type: type, content: content, keyID: keyID,
            description: description, allowedPattern: allowedPattern, dataType: dataType, tier: tier,
            lastModifiedDate: clock.now(), lastModifiedUser: context.caller.arn)
    }

    /// The value as stored: as it is, or for a SecureString encrypted under the key named (by the
    /// request, else the current version, else `aws/ssm`) once the caller may use that key.
    private func storedContent(
        _ value: String, type: ParameterType, tier: ParameterTier, requestedKey: String?, scope: SSMScope,
        context: RequestContext, arn: String
    ) throws -> (keyID: String?, content: StoredVersion.Content) {
        guard type == .secureString else { return (nil, .plain(value)) }
        let keyID = requestedKey ?? AWSManagedKey.ssm.alias
        let key = try encryptionKey(keyID, scope: scope)
        // SSM encrypts standard values with kms:Encrypt and advanced ones under a data key.
        try authorization.requireKMS(
            context, action: tier == .advanced ? "kms:GenerateDataKey" : "kms:Encrypt", key: key, parameterARN: arn)
        return (keyID, .encrypted(try kms.encrypt(Array(value.utf8), with: key, context: .parameter(arn: arn))))
    }

    /// The value against its data type and the allowed pattern (a newly given pattern must compile).
    private func checkValue(
        _ value: String, type: ParameterType, dataType: String, allowedPattern: String?, input: PutParameterRequest
    ) throws {
        if dataType == ParameterDataType.ec2Image.rawValue {
            guard type == .string else {
                // Unverified wording.
                throw SSMError.validation("The aws:ec2:image data type is only supported for String parameters.")
            }
            try ParameterValueRules.checkAMIFormat(value)
        }
        if input.AllowedPattern != nil, let pattern = allowedPattern, !pattern.isEmpty {
            _ = try ParameterValueRules.compile(pattern)
        }
        try ParameterValueRules.check(value, allowedPattern: allowedPattern)
    }

    /// Stores `version`, unless another write added one since `current` was read. A parameter
    /// at its version limit drops its oldest version, unless a label still points at it.
    private func addVersion(
        _ version: StoredVersion, to name: ParameterName, expecting current: ParameterSummary?, scope: SSMScope,
        tags: [Tag]
    ) throws -> PutParameterResult {
        try store.write { transaction in
            let existing = try transaction.parameter(scope, key: name.key)
            guard existing?.latestVersion == current?.parameter.latestVersion else { throw SSMError.tooManyUpdates }
            let parameterID: Int64
            if let existing {
                parameterID = existing.id
                let span = try transaction.versionSpan(parameterID: parameterID)
                if span.count >= limits.versionsKept, let oldest = span.oldest {
                    guard try transaction.labels(parameterID: parameterID, version: oldest).isEmpty else {
                        throw SSMError.parameterMaxVersionLimitExceeded(name: name.display, oldestVersion: oldest)
                    }
                    try transaction.deleteVersion(parameterID: parameterID, oldest)
                }
            } else {
                parameterID = try transaction.insertParameter(scope, name: name, type: version.type, tier: version.tier)
                for tag in tags { try transaction.setTag(parameterID: parameterID, tag) }
            }
            try transaction.insertVersion(parameterID: parameterID, version)
            try transaction.updateParameter(id: parameterID, tier: version.tier, latestVersion: version.version)
            return PutParameterResult(Version: version.version, Tier: version.tier.rawValue)
        }
    }

    /// The tier a write lands in. Intelligent-Tiering picks Advanced only when the value needs it
    /// or the standard quota is full; a parameter never goes back from Advanced to Standard.
    private func chooseTier(
        requested: String?, current: ParameterTier?, value: String, scope: SSMScope, creating: Bool
    ) throws -> ParameterTier {
        let needsAdvanced = ParameterValueRules.length(of: value) > ParameterTier.standard.maxValueLength
        let tier: ParameterTier
        switch requested {
        case ParameterTier.advanced.rawValue?:
            tier = .advanced
        case ParameterTier.standard.rawValue?:
            if current == .advanced {
                // Unverified wording.
                throw SSMError.validation(
                    "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter."
                )
            }
            tier = .standard
        case ParameterTier.intelligentTiering?:
            if current == .advanced || needsAdvanced {
                tier = .advanced
            } else if creating,
                try store.read({ try $0.countParameters(scope, tier: .standard) }) >= limits.standardParameters
            {
                tier = .advanced
            } else {
                tier = .standard
            }
        default:
            tier = current ?? .standard
        }
        if creating || current != tier {
            let count = try store.read { try $0.countParameters(scope, tier: tier) }
            let limit = tier == .standard ? limits.standardParameters : limits.advancedParameters
            if count >= limit { throw SSMError.parameterLimitExceeded }
        }
        return tier
    }

    static func isEmptyPolicyList(_ policies: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(policies.utf8)) as? [Any])?.isEmpty == true
    }

    /// The key a KeyId names, as KMS resolves it; naming `aws/ssm` creates it on first use.
    private func encryptionKey(_ keyID: String, scope: SSMScope) throws -> KMSKey {
        do {
            return try kms.key(keyID, in: scope.kms, usedBy: .ssm)
        } catch let error as KMSError {
            // SSM passes KMS's NotFoundException on as InvalidKeyId.
            throw SSMError.invalidKeyID(error.message + SSMAuthorization.kmsSuffix(errorCode: "NotFoundException"))
        }
    }
}
