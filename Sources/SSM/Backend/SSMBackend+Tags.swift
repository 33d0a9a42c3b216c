import AWSCore

extension SSMBackend {
    /// AddTagsToResource for a parameter: adds tags or replaces their values; at most 50.
    func addTagsToResource(_ input: AddTagsToResourceRequest, context: RequestContext) throws -> AddTagsToResourceResult
    {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Tags, "tags")
        violations.checkCount(input.Tags, "tags", shown: "'[…]'", max: 1000)
        TagRules.check(input.Tags ?? [], into: &violations)
        let (scope, name) = try taggedParameter(
            input.ResourceType, input.ResourceId, violations: violations, context: context)
        try store.write { transaction in
            guard let parameter = try transaction.parameter(scope, key: name.key) else {
                throw SSMError.invalidResourceID
            }
            let existing = Set(try transaction.tags(parameterID: parameter.id).map(\.Key))
            let keys = existing.union((input.Tags ?? []).map(\.Key))
            guard keys.count <= limits.tagsPerResource else { throw SSMError.tooManyTags }
            for tag in input.Tags ?? [] { try transaction.setTag(parameterID: parameter.id, tag) }
        }
        return AddTagsToResourceResult()
    }

    /// ListTagsForResource for a parameter, in key order.
    func listTagsForResource(_ input: ListTagsForResourceRequest, context: RequestContext) throws
        -> ListTagsForResourceResult
    {
        let (scope, name) = try taggedParameter(
            input.ResourceType, input.ResourceId, violations: ConstraintViolations(), context: context)
        let tags = try store.read { transaction in
            guard let parameter = try transaction.parameter(scope, key: name.key) else {
                throw SSMError.invalidResourceID
            }
            return try transaction.tags(parameterID: parameter.id)
        }
        return ListTagsForResourceResult(TagList: tags)
    }

    /// RemoveTagsFromResource for a parameter; keys it does not carry are ignored.
    func removeTagsFromResource(_ input: RemoveTagsFromResourceRequest, context: RequestContext) throws
        -> RemoveTagsFromResourceResult
    {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.TagKeys, "tagKeys")
        for (index, key) in (input.TagKeys ?? []).enumerated() {
            violations.checkLength(key, "tagKeys.\(index + 1).member", min: 1, max: 128)
        }
        let (scope, name) = try taggedParameter(
            input.ResourceType, input.ResourceId, violations: violations, context: context)
        try store.write { transaction in
            guard let parameter = try transaction.parameter(scope, key: name.key) else {
                throw SSMError.invalidResourceID
            }
            for key in input.TagKeys ?? [] { try transaction.removeTag(parameterID: parameter.id, key: key) }
        }
        return RemoveTagsFromResourceResult()
    }

    static let resourceTypes = [
        "Document", "ManagedInstance", "MaintenanceWindow", "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata",
        "Automation", "Association",
    ]

    /// Checks the resource type and id of a tagging request and asks IAM; only parameters are built.
    private func taggedParameter(
        _ resourceType: String?, _ resourceID: String?, violations: ConstraintViolations, context: RequestContext
    ) throws -> (SSMScope, ParameterName) {
        var violations = violations
        violations.requireNonNull(resourceType, "resourceType")
        violations.checkEnum(resourceType, "resourceType", Self.resourceTypes)
        violations.requireNonNull(resourceID, "resourceId")
        try violations.check()
        guard resourceType == "Parameter" else {
            throw SSMError.notImplemented("Tagging resources of type \(resourceType ?? "")")
        }
        let scope = SSMScope(context)
        // A parameter is named, not given by ARN, when tagging (AddTagsToResource docs).
        guard let name = try? ParameterName(resourceID ?? "") else { throw SSMError.invalidResourceID }
        try authorization.require(context, on: name.arn(in: scope))
        return (scope, name)
    }
}
