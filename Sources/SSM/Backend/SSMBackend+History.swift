import AWSCore
import Foundation

extension SSMBackend {
    /// GetParameterHistory: every kept version, oldest first, with its labels.
    func getParameterHistory(_ input: GetParameterHistoryRequest, context: RequestContext) throws
        -> GetParameterHistoryResult
    {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Name, "name")
        violations.checkLength(input.Name, "name", min: 1, max: ParameterName.maxLength)
        violations.checkRange(input.MaxResults, "maxResults", min: 1, max: 50)
        try violations.check()
        let caller = SSMScope(context)
        let reference = try ParameterReference(input.Name ?? "", caller: caller, allowSelector: false)
        let arn = reference.name.arn(in: reference.scope)
        try authorization.require(context, on: arn, resourceAccountID: reference.scope.accountID)
        let listing = "GetParameterHistory \(reference.name.key)"
        let token = try PageToken.decode(input.NextToken, listing: listing)
        let after: Int64
        if let token {
            guard let number = Int64(token.after) else { throw SSMError.invalidNextToken }
            after = number
        } else {
            after = 0
        }
        let limit = input.MaxResults ?? 50

        let (parameter, versions, labels, more) = try store.read { transaction in
            guard reference.scope == caller, let parameter = try transaction.parameter(caller, key: reference.name.key)
            else {
                throw SSMError.parameterNotFound
            }
            var versions = try transaction.versions(parameterID: parameter.id, afterVersion: after, limit: limit + 1)
            let more = versions.count > limit
            if more { versions.removeLast() }
            let labels = try versions.map { try transaction.labels(parameterID: parameter.id, version: $0.version) }
            return (parameter, versions, labels, more)
        }
        let keys = KeyCache()
        let name = shownName(reference, parameter)
        let history = try zip(versions, labels).map { version, labels in
            ParameterHistory(
                Name: name, Type: version.type.rawValue, KeyId: version.keyID,
                LastModifiedDate: version.lastModifiedDate,
                LastModifiedUser: version.lastModifiedUser, Description: version.description,
                Value: try shownValue(
                    version, parameterARN: arn, scope: caller, withDecryption: input.WithDecryption ?? false,
                    context: context, keys: keys),
                AllowedPattern: version.allowedPattern, Version: version.version, Labels: labels,
                Tier: version.tier.rawValue, Policies: [], DataType: version.dataType)
        }
        let next = more ? versions.last.map { PageToken(listing: listing, after: String($0.version)).encoded } : nil
        return GetParameterHistoryResult(Parameters: history, NextToken: next)
    }
}
