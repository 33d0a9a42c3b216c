import AWSCore
import Foundation

extension SSMBackend {
    /// GetParametersByPath: the parameters under a hierarchy, in name order, a page at a time.
    func getParametersByPath(_ input: GetParametersByPathRequest, context: RequestContext) throws
        -> GetParametersByPathResult
    {
        var violations = ConstraintViolations()
        violations.requireNonNull(input.Path, "path")
        violations.checkLength(input.Path, "path", min: 1, max: ParameterName.maxLength)
        violations.checkRange(input.MaxResults, "maxResults", min: 1, max: 10)
        try violations.check()
        let filters = try ParameterFilters(input.ParameterFilters, for: .getParametersByPath)
        let path = try ParameterPath(input.Path ?? "")
        let scope = SSMScope(context)
        // Access to a path is access to everything below it (GetParametersByPath docs).
        try authorization.require(context, on: path.arn(in: scope))
        let recursive = input.Recursive ?? false
        let listing = "GetParametersByPath \(path.normalized) \(recursive)"
        let token = try PageToken.decode(input.NextToken, listing: listing)
        let (lower, upper) = path.keyRange

        let page = try store.read { transaction in
            try collectPage(
                scope, after: token?.after, lower: lower, upper: upper, limit: input.MaxResults ?? 10,
                in: transaction
            ) { summary -> StoredVersion? in
                guard path.contains(key: summary.parameter.name.key, recursive: recursive) else { return nil }
                var version = summary.latest
                if let labels = filters.labels {
                    // A Label filter returns the version that carries the label.
                    let numbers = try labels.compactMap {
                        try transaction.labelledVersion(parameterID: summary.parameter.id, label: $0)
                    }
                    guard let number = numbers.max(),
                        let labelled = try transaction.version(parameterID: summary.parameter.id, number)
                    else { return nil }
                    version = labelled
                }
                let matches = try filters.matches(summary, version: version) {
                    try transaction.tags(parameterID: summary.parameter.id)
                }
                return matches ? version : nil
            }
        }
        let keys = KeyCache()
        let parameters = try page.items.map { summary, version in
            try shown(
                summary.parameter, version, reference: nil, arn: summary.parameter.name.arn(in: scope),
                withDecryption: input.WithDecryption ?? false, context: context, keys: keys)
        }
        return GetParametersByPathResult(
            Parameters: parameters, NextToken: page.lastKey.map { PageToken(listing: listing, after: $0).encoded })
    }

    /// DescribeParameters: metadata of the account's parameters, filtered, a page at a time.
    func describeParameters(_ input: DescribeParametersRequest, context: RequestContext) throws
        -> DescribeParametersResult
    {
        var violations = ConstraintViolations()
        violations.checkRange(input.MaxResults, "maxResults", min: 1, max: 50)
        for (index, filter) in (input.Filters ?? []).enumerated() {
            let member = "filters.\(index + 1).member"
            violations.requireNonNull(filter.Key, "\(member).key")
            violations.checkEnum(filter.Key, "\(member).key", ["Name", "Type", "KeyId"])
            violations.requireNonNull(filter.Values, "\(member).values")
            violations.checkCount(
                filter.Values, "\(member).values", shown: ConstraintViolations.quoted(list: filter.Values ?? []),
                min: 1,
                max: 50)
        }
        try violations.check()
        if !(input.Filters ?? []).isEmpty && !(input.ParameterFilters ?? []).isEmpty {
            throw SSMError.validation("You can use either Filters or ParameterFilters in a single request.")
        }
        let filters = try ParameterFilters(input.ParameterFilters, for: .describeParameters)
        let legacyFilters = input.Filters ?? []
        let scope = SSMScope(context)
        // DescribeParameters has no resource type in IAM: it is allowed or denied on "*".
        try authorization.require(context, on: "arn:aws:ssm:\(scope.region):\(scope.accountID):*")
        let listing = "DescribeParameters"
        let token = try PageToken.decode(input.NextToken, listing: listing)
        if input.Shared == true {
            // Sharing (RAM) is not built, so nothing is shared with anyone.
            return DescribeParametersResult(Parameters: [], NextToken: nil)
        }

        let page = try store.read { transaction in
            try collectPage(
                scope, after: token?.after, lower: nil, upper: nil, limit: input.MaxResults ?? 10, in: transaction
            ) {
                summary -> StoredVersion? in
                guard legacyFilters.allSatisfy({ Self.matchesLegacy(summary, $0) }) else { return nil }
                let matches = try filters.matches(summary, version: summary.latest) {
                    try transaction.tags(parameterID: summary.parameter.id)
                }
                return matches ? summary.latest : nil
            }
        }
        let parameters = page.items.map { summary, version in
            ParameterMetadata(
                Name: summary.parameter.name.display, ARN: summary.parameter.name.arn(in: scope),
                Type: version.type.rawValue,
                KeyId: version.keyID, LastModifiedDate: version.lastModifiedDate,
                LastModifiedUser: version.lastModifiedUser,
                Description: version.description, AllowedPattern: version.allowedPattern, Version: version.version,
                Tier: version.tier.rawValue, Policies: [], DataType: version.dataType)
        }
        return DescribeParametersResult(
            Parameters: parameters, NextToken: page.lastKey.map { PageToken(listing: listing, after: $0).encoded })
    }

    /// The deprecated `Filters`: Name matches by prefix, Type and KeyId exactly.
    private static func matchesLegacy(_ summary: ParameterSummary, _ filter: ParametersFilter) -> Bool {
        let values = filter.Values ?? []
        switch filter.Key {
        case "Name":
            let slashed =
                summary.parameter.name.isHierarchical ? summary.parameter.name.key : "/" + summary.parameter.name.key
            return values.contains { slashed.hasPrefix($0.hasPrefix("/") ? $0 : "/" + $0) }
        case "Type":
            return values.contains(summary.latest.type.rawValue)
        case "KeyId":
            return summary.latest.keyID.map(values.contains) ?? false
        default:
            return false
        }
    }

    /// Up to `limit` parameters (in key order, after `after`) that `select` keeps, with the
    /// version it picked; `lastKey` is set when more matching parameters follow.
    private func collectPage(
        _ scope: SSMScope, after: String?, lower: String?, upper: String?, limit: Int, in transaction: SSMTransaction,
        select: (ParameterSummary) throws -> StoredVersion?
    ) throws -> (items: [(ParameterSummary, StoredVersion)], lastKey: String?) {
        var items: [(ParameterSummary, StoredVersion)] = []
        var cursor = after
        while true {
            let batch = try transaction.summaries(scope, afterKey: cursor, lowerKey: lower, upperKey: upper, limit: 200)
            for summary in batch {
                guard let version = try select(summary) else { continue }
                if items.count == limit { return (items, items.last?.0.parameter.name.key) }
                items.append((summary, version))
            }
            guard batch.count == 200, let last = batch.last else { return (items, nil) }
            cursor = last.parameter.name.key
        }
    }
}
