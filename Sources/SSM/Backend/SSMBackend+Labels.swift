import AWSCore

extension SSMBackend {
    /// LabelParameterVersion: attaches labels to a version (the latest by default), moving each
    /// label off any other version. Labels breaking the naming rules come back in `InvalidLabels`.
    func labelParameterVersion(_ input: LabelParameterVersionRequest, context: RequestContext) throws
        -> LabelParameterVersionResult
    {
        let labels = try checkLabelRequest(
            name: input.Name, labels: input.Labels, version: input.ParameterVersion, versionRequired: false)
        let scope = SSMScope(context)
        let name = try ParameterName(input.Name ?? "")
        try authorization.require(context, on: name.arn(in: scope))
        let valid = labels.filter(ParameterLabel.isValid)
        let invalid = labels.filter { !ParameterLabel.isValid($0) }
        return try store.write { transaction in
            guard let parameter = try transaction.parameter(scope, key: name.key) else {
                throw SSMError.parameterNotFound
            }
            let number = input.ParameterVersion ?? parameter.latestVersion
            guard try transaction.version(parameterID: parameter.id, number) != nil else {
                throw SSMError.parameterVersionNotFound(name: name.display, selector: String(number))
            }
            let current = try transaction.labels(parameterID: parameter.id, version: number)
            let added = Set(valid).subtracting(current)
            guard current.count + added.count <= ParameterLabel.maxPerVersion else {
                throw SSMError.parameterVersionLabelLimitExceeded
            }
            for label in valid { try transaction.setLabel(parameterID: parameter.id, label: label, version: number) }
            return LabelParameterVersionResult(InvalidLabels: invalid, ParameterVersion: number)
        }
    }

    /// UnlabelParameterVersion: removes labels from one version; labels it does not carry come
    /// back in `InvalidLabels`.
    func unlabelParameterVersion(_ input: UnlabelParameterVersionRequest, context: RequestContext) throws
        -> UnlabelParameterVersionResult
    {
        let labels = try checkLabelRequest(
            name: input.Name, labels: input.Labels, version: input.ParameterVersion, versionRequired: true)
        let scope = SSMScope(context)
        let name = try ParameterName(input.Name ?? "")
        try authorization.require(context, on: name.arn(in: scope))
        return try store.write { transaction in
            guard let parameter = try transaction.parameter(scope, key: name.key) else {
                throw SSMError.parameterNotFound
            }
            let number = input.ParameterVersion ?? 0
            guard try transaction.version(parameterID: parameter.id, number) != nil else {
                throw SSMError.parameterVersionNotFound(name: name.display, selector: String(number))
            }
            var removed: [String] = []
            var invalid: [String] = []
            for label in labels {
                if try transaction.removeLabel(parameterID: parameter.id, label: label, version: number) {
                    removed.append(label)
                } else if !removed.contains(label) {
                    invalid.append(label)
                }
            }
            return UnlabelParameterVersionResult(RemovedLabels: removed, InvalidLabels: invalid)
        }
    }

    /// The model's constraints on a labelling request; returns the labels without duplicates.
    private func checkLabelRequest(name: String?, labels: [String]?, version: Int64?, versionRequired: Bool) throws
        -> [String]
    {
        var violations = ConstraintViolations()
        violations.requireNonNull(name, "name")
        violations.checkLength(name, "name", min: 1, max: ParameterName.maxLength)
        if versionRequired { violations.requireNonNull(version, "parameterVersion") }
        violations.requireNonNull(labels, "labels")
        violations.checkCount(
            labels, "labels", shown: ConstraintViolations.quoted(list: labels ?? []), min: 1,
            max: ParameterLabel.maxPerVersion)
        for label in labels ?? [] where label.isEmpty || label.utf16.count > ParameterLabel.maxLength {
            violations.add(
                ConstraintViolations.quoted(list: [label]), at: "labels",
                "Member must satisfy constraint: [Member must have length less than or equal to \(ParameterLabel.maxLength), Member must have length greater than or equal to 1]"
            )
        }
        try violations.check()
        var unique: [String] = []
        for label in labels ?? [] where !unique.contains(label) { unique.append(label) }
        return unique
    }
}
