/// The `ParameterFilters` of DescribeParameters and GetParametersByPath, checked and ready to
/// match. Keys and options follow the `ParameterStringFilter` documentation; the error texts
/// are as moto records them (unverified against AWS).
struct ParameterFilters: Sendable {
    enum Operation { case describeParameters, getParametersByPath }

    struct Filter: Sendable, Equatable {
        var key: String
        var option: String
        var values: [String]
    }

    private(set) var filters: [Filter] = []

    static let keyPattern = "tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType"

    init(_ input: [ParameterStringFilter]?, for operation: Operation) throws(SSMError) {
        var violations = ConstraintViolations()
        for (index, filter) in (input ?? []).enumerated() {
            let member = "parameterFilters.\(index + 1).member"
            violations.requireNonNull(filter.Key, "\(member).key")
            violations.checkLength(filter.Key, "\(member).key", min: 1, max: 132)
            violations.checkPattern(filter.Key, "\(member).key", Self.keyPattern) {
                Regex.matches("^(?:\(Self.keyPattern))$", $0)
            }
            violations.checkLength(filter.Option, "\(member).option", min: 1, max: 10)
            violations.checkCount(
                filter.Values, "\(member).values", shown: ConstraintViolations.quoted(list: filter.Values ?? []),
                min: 1,
                max: 50)
            for (valueIndex, value) in (filter.Values ?? []).enumerated() {
                violations.checkLength(value, "\(member).values.\(valueIndex + 1).member", min: 1, max: 1024)
            }
        }
        try violations.check()

        var seen: Set<String> = []
        for filter in input ?? [] {
            let key = filter.Key ?? ""
            let values = filter.Values ?? []
            switch operation {
            case .describeParameters where key == "Label":
                throw .invalidFilterKey(
                    "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier]."
                )
            case .getParametersByPath where !["Type", "KeyId", "Label"].contains(key):
                throw .invalidFilterKey(
                    "The following filter key is not valid: \(key). Valid filter keys include: [Type, KeyId].")
            default:
                break
            }
            guard seen.insert(key).inserted else {
                throw .invalidFilterKey(
                    "The following filter is duplicated in the request: \(key). A request can contain only one occurrence of a specific filter."
                )
            }
            if !key.hasPrefix("tag:") && values.isEmpty {
                throw .invalidFilterValue("The following filter values are missing : null for filter key \(key).")
            }
            let option = filter.Option ?? (key == "Path" ? "OneLevel" : "Equals")
            try Self.checkOption(option, key: key, operation: operation)
            try Self.checkValues(values, key: key)
            filters.append(Filter(key: key, option: option, values: values))
        }
    }

    private static func checkOption(_ option: String, key: String, operation: Operation) throws(SSMError) {
        let allowed: [String]
        switch (key, operation) {
        case ("Path", _): allowed = ["Recursive", "OneLevel"]
        case ("Label", _): allowed = ["Equals"]
        case ("Name", .describeParameters): allowed = ["BeginsWith", "Contains", "Equals"]
        default: allowed = ["BeginsWith", "Equals"]
        }
        guard allowed.contains(option) else {
            throw .invalidFilterOption(
                "The following filter option is not valid: \(option). Valid options include: [\(allowed.joined(separator: ", "))]."
            )
        }
    }

    private static func checkValues(_ values: [String], key: String) throws(SSMError) {
        let allowed: [String]
        switch key {
        case "Type": allowed = ["String", "StringList", "SecureString"]
        case "Tier": allowed = ["Standard", "Advanced", "Intelligent-Tiering"]
        case "Path":
            for value in values {
                let lowered = value.lowercased()
                if lowered.hasPrefix("/aws") || lowered.hasPrefix("/ssm") {
                    throw .validation(
                        "Filters for common parameters can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). When using global parameters, please specify within a global namespace."
                    )
                }
                _ = try ParameterPath(value)
            }
            return
        default: return
        }
        for value in values where !allowed.contains(value) {
            throw .invalidFilterValue(
                "The following filter value is not valid: \(value). Valid values include: [\(allowed.joined(separator: ", "))]."
            )
        }
    }

    /// The labels a `Label` filter asks for, if there is one.
    var labels: [String]? { filters.first { $0.key == "Label" }?.values }

    /// Whether a parameter passes every filter but `Label` (which picks a version instead).
    func matches(_ summary: ParameterSummary, version: StoredVersion, tags: () throws -> [Tag]) rethrows -> Bool {
        for filter in filters {
            let passes: Bool
            switch filter.key {
            case "Label":
                continue
            case "Name":
                passes = Self.matchesName(summary.parameter.name, filter)
            case "Path":
                passes = filter.values.contains { value in
                    (try? ParameterPath(value))?.contains(
                        key: summary.parameter.name.key, recursive: filter.option == "Recursive")
                        ?? false
                }
            case "Type":
                passes = Self.compare(version.type.rawValue, filter)
            case "KeyId":
                passes = version.keyID.map { Self.compare($0, filter) } ?? false
            case "Tier":
                passes = Self.compare(summary.parameter.tier.rawValue, filter)
            case "DataType":
                passes = Self.compare(version.dataType, filter)
            default:
                let tagKey = String(filter.key.dropFirst("tag:".count))
                let tagValues = try tags().filter { $0.Key == tagKey }.map(\.Value)
                passes =
                    !tagValues.isEmpty && (filter.values.isEmpty || tagValues.contains { Self.compare($0, filter) })
            }
            if !passes { return false }
        }
        return true
    }

    private static func compare(_ actual: String, _ filter: Filter) -> Bool {
        filter.values.contains { filter.option == "BeginsWith" ? actual.hasPrefix($0) : actual == $0 }
    }

    /// Names compare with one leading slash, so `USER` and `/USER` are the same name.
    private static func matchesName(_ name: ParameterName, _ filter: Filter) -> Bool {
        let slashed = name.isHierarchical ? name.key : "/" + name.key
        return filter.values.contains { value in
            switch filter.option {
            case "Contains": return slashed.contains(value)
            case "BeginsWith": return slashed.hasPrefix(value.hasPrefix("/") ? value : "/" + value)
            default: return slashed == (value.hasPrefix("/") ? value : "/" + value)
            }
        }
    }
}
