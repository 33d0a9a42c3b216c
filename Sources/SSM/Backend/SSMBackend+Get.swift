import AWSCore
import Foundation

extension SSMBackend {
    /// GetParameter: one parameter by name or ARN, optionally `name:version` or `name:label`.
    func getParameter(_ input: GetParameterRequest, context: RequestContext) throws -> GetParameterResult {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Name, "name")
        violations.checkLength(input.Name, "name", min: 1, max: ParameterName.maxLength)
        try violations.check()
        let caller = SSMScope(context)
        let reference = try ParameterReference(input.Name ?? "", caller: caller)
        try refuseSecretsManagerReference(reference)
        let arn = reference.name.arn(in: reference.scope)
        try authorization.require(context, on: arn, resourceAccountID: reference.scope.accountID)
        let (parameter, version) = try resolveCached(reference, caller: caller)
        return GetParameterResult(
            Parameter: try shown(
                parameter, version, reference: reference, arn: arn, withDecryption: input.WithDecryption ?? false,
                context: context, keys: KeyCache()))
    }

    /// GetParameters: up to ten names; the ones that do not resolve come back in
    /// `InvalidParameters` instead of failing the call.
    func getParameters(_ input: GetParametersRequest, context: RequestContext) throws -> GetParametersResult {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Names, "names")
        let names = input.Names ?? []
        violations.checkCount(input.Names, "names", shown: ConstraintViolations.quoted(list: names), min: 1)
        if names.count > 10 {
            // EB-SPEC §C.4 records this text with its final period.
            throw SSMError.validation(
                "1 validation error detected: Value '[\(names.joined(separator: ", "))]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10."
            )
        }
        for (index, name) in names.enumerated() {
            violations.checkLength(name, "names.\(index + 1).member", min: 1, max: ParameterName.maxLength)
        }
        try violations.check()

        let caller = SSMScope(context)
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        var references: [(String, ParameterReference)] = []
        var invalid: [String] = []
        for name in unique {
            if let reference = try? ParameterReference(name, caller: caller) {
                references.append((name, reference))
            } else {
                invalid.append(name)
            }
        }
        // One refusal refuses the whole call, as IAM evaluates every named parameter.
        for (_, reference) in references {
            try authorization.require(
                context, on: reference.name.arn(in: reference.scope), resourceAccountID: reference.scope.accountID)
        }
        let found = try store.read { transaction in
            try references.compactMap { name, reference -> (ParameterReference, StoredParameter, StoredVersion)? in
                do {
                    let (parameter, version) = try resolve(reference, caller: caller, in: transaction)
                    return (reference, parameter, version)
                } catch is SSMError {
                    invalid.append(name)
                    return nil
                }
            }
        }
        let keys = KeyCache()
        var parameters = try found.map { reference, parameter, version in
            try shown(
                parameter, version, reference: reference, arn: parameter.name.arn(in: caller),
                withDecryption: input.WithDecryption ?? false, context: context, keys: keys)
        }
        parameters.sort { $0.Name < $1.Name }
        return GetParametersResult(Parameters: parameters, InvalidParameters: unique.filter(invalid.contains))
    }

    /// `Parameter` as the Get operations return it.
    func shown(
        _ parameter: StoredParameter, _ version: StoredVersion, reference: ParameterReference?, arn: String,
        withDecryption: Bool, context: RequestContext, keys: KeyCache
    ) throws -> Parameter {
        Parameter(
            Name: reference.map { shownName($0, parameter) } ?? parameter.name.display,
            Type: version.type.rawValue,
            Value: try shownValue(
                version, parameterARN: arn, scope: SSMScope(context), withDecryption: withDecryption, context: context,
                keys: keys),
            Version: version.version, Selector: reference?.responseSelector, SourceResult: nil,
            LastModifiedDate: version.lastModifiedDate, ARN: arn, DataType: version.dataType)
    }

    /// `/aws/reference/secretsmanager/…` reads a Secrets Manager secret, which ebauth does not serve.
    func refuseSecretsManagerReference(_ reference: ParameterReference) throws {
        if reference.name.key.hasPrefix("/aws/reference/secretsmanager/") {
            throw SSMError.notImplemented("Reading Secrets Manager secrets through Parameter Store")
        }
    }
}
