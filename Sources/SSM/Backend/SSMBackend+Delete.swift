import AWSCore

extension SSMBackend {
    /// DeleteParameter: removes the parameter with every version, label and tag.
    func deleteParameter(_ input: DeleteParameterRequest, context: RequestContext) throws -> DeleteParameterResult {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Name, "name")
        violations.checkLength(input.Name, "name", min: 1, max: ParameterName.maxLength)
        try violations.check()
        let scope = SSMScope(context)
        let name = try ParameterName(input.Name ?? "")
        try authorization.require(context, on: name.arn(in: scope))
        guard try store.write({ try $0.deleteParameter(scope, key: name.key) }) else {
            throw SSMError.parameterNotFound
        }
        return DeleteParameterResult()
    }

    /// DeleteParameters: up to ten names; missing or malformed ones come back in
    /// `InvalidParameters` instead of failing the call.
    func deleteParameters(_ input: DeleteParametersRequest, context: RequestContext) throws -> DeleteParametersResult {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Names, "names")
        let names = input.Names ?? []
        violations.checkCount(input.Names, "names", shown: ConstraintViolations.quoted(list: names), min: 1, max: 10)
        for (index, name) in names.enumerated() {
            violations.checkLength(name, "names.\(index + 1).member", min: 1, max: ParameterName.maxLength)
        }
        try violations.check()
        let scope = SSMScope(context)
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        let parsed = unique.map { ($0, try? ParameterName($0)) }
        for case (_, let name?) in parsed {
            try authorization.require(context, on: name.arn(in: scope))
        }
        return try store.write { transaction in
            var deleted: [String] = []
            var invalid: [String] = []
            for (raw, name) in parsed {
                if let name, try transaction.deleteParameter(scope, key: name.key) {
                    deleted.append(raw)
                } else {
                    invalid.append(raw)
                }
            }
            return DeleteParametersResult(DeletedParameters: deleted, InvalidParameters: invalid)
        }
    }
}
