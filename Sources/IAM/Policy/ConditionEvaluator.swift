import Foundation

/// Evaluates Condition clauses with AWS's semantics
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
///
/// - A missing key makes a positive operator false and a negated one (`StringNotEquals`,
///   `NotIpAddress`, `ArnNotLike`, …) true; `…IfExists` makes any operator true when the key is missing.
/// - `ForAnyValue:` is false and `ForAllValues:` true for a missing key.
/// - Several values for one key are ORed; several keys and several operators are ANDed.
enum ConditionEvaluator {
    enum Result: Equatable {
        case matched
        case notMatched(String)
        /// ebauth cannot evaluate this (operator or key): the caller fails closed.
        case unsupported(String)
    }

    private enum Family {
        case string(ignoreCase: Bool, like: Bool)
        case numeric((Double, Double) -> Bool)
        case date((Double, Double) -> Bool)
        case bool
        case ip
        case arn
        case null
    }

    private struct Operator {
        var family: Family
        var negated: Bool
    }

    private static func parse(_ name: String) -> Operator? {
        switch name {
        case "StringEquals": Operator(family: .string(ignoreCase: false, like: false), negated: false)
        case "StringNotEquals": Operator(family: .string(ignoreCase: false, like: false), negated: true)
        case "StringEqualsIgnoreCase": Operator(family: .string(ignoreCase: true, like: false), negated: false)
        case "StringNotEqualsIgnoreCase": Operator(family: .string(ignoreCase: true, like: false), negated: true)
        case "StringLike": Operator(family: .string(ignoreCase: false, like: true), negated: false)
        case "StringNotLike": Operator(family: .string(ignoreCase: false, like: true), negated: true)
        case "NumericEquals": Operator(family: .numeric(==), negated: false)
        case "NumericNotEquals": Operator(family: .numeric(==), negated: true)
        case "NumericLessThan": Operator(family: .numeric(<), negated: false)
        case "NumericLessThanEquals": Operator(family: .numeric(<=), negated: false)
        case "NumericGreaterThan": Operator(family: .numeric(>), negated: false)
        case "NumericGreaterThanEquals": Operator(family: .numeric(>=), negated: false)
        case "DateEquals": Operator(family: .date(==), negated: false)
        case "DateNotEquals": Operator(family: .date(==), negated: true)
        case "DateLessThan": Operator(family: .date(<), negated: false)
        case "DateLessThanEquals": Operator(family: .date(<=), negated: false)
        case "DateGreaterThan": Operator(family: .date(>), negated: false)
        case "DateGreaterThanEquals": Operator(family: .date(>=), negated: false)
        case "Bool": Operator(family: .bool, negated: false)
        case "IpAddress": Operator(family: .ip, negated: false)
        case "NotIpAddress": Operator(family: .ip, negated: true)
        case "ArnEquals", "ArnLike": Operator(family: .arn, negated: false)
        case "ArnNotEquals", "ArnNotLike": Operator(family: .arn, negated: true)
        case "Null": Operator(family: .null, negated: false)
        default: nil  // BinaryEquals and anything unknown
        }
    }

    static func evaluate(_ clause: ConditionClause, keys: RequestKeys, variables: Bool) -> Result {
        var name = clause.operatorName
        var qualifier: String?
        for prefix in ["ForAnyValue:", "ForAllValues:"] where name.hasPrefix(prefix) {
            qualifier = prefix
            name.removeFirst(prefix.count)
        }
        var ifExists = false
        if name.hasSuffix("IfExists"), name != "IfExists" {
            ifExists = true
            name.removeLast("IfExists".count)
        }
        guard let op = parse(name), !(ifExists && name == "Null") else {
            return .unsupported("condition operator \(clause.operatorName) is not supported by ebauth")
        }
        let requestValues: [String]?
        switch keys.lookup(clause.key) {
        case .values(let values): requestValues = values
        case .absent: requestValues = nil
        case .unsupported:
            return .unsupported("condition key \(clause.key) is not filled by ebauth for this request")
        }
        let describe = "\(clause.operatorName) \(clause.key) \(clause.values)"

        if case .null = op.family {
            guard let wanted = clause.values.first.map({ $0.lowercased() }), wanted == "true" || wanted == "false"
            else { return .notMatched("\(describe): Null needs true or false") }
            let isNull = requestValues == nil
            return (isNull == (wanted == "true"))
                ? .matched : .notMatched("\(describe): key is \(isNull ? "absent" : "present")")
        }

        // Resolve variables in the policy's values first; an unsupported key fails closed.
        var policyValues: [String] = []
        for value in clause.values {
            guard variables else {
                policyValues.append(value)
                continue
            }
            switch PolicyVariables.substitute(value, in: keys) {
            case .text(let text): policyValues.append(text)
            case .absent: continue  // a value with an unresolvable variable matches nothing
            case .unsupported(let key):
                return .unsupported("policy variable ${\(key)} is not filled by ebauth for this request")
            }
        }

        guard let values = requestValues, !values.isEmpty else {
            let result: Bool
            switch qualifier {
            case "ForAnyValue:": result = false
            case "ForAllValues:": result = true
            default: result = ifExists || op.negated
            }
            return result ? .matched : .notMatched("\(describe): key absent from the request")
        }

        func positive(_ value: String) -> Bool? {
            var anyUnparsable = false
            for candidate in policyValues {
                switch compare(op.family, request: value, policy: candidate) {
                case true?: return true
                case nil: anyUnparsable = true
                case false?: break
                }
            }
            return anyUnparsable && policyValues.count == 1 ? nil : false
        }
        var perValue: [Bool] = []
        for value in values {
            guard let hit = positive(value) else {
                return .notMatched("\(describe): value \"\(value)\" cannot be compared with \(name)")
            }
            perValue.append(op.negated ? !hit : hit)
        }
        let outcome: Bool
        switch qualifier {
        case "ForAnyValue:": outcome = perValue.contains(true)
        case "ForAllValues:": outcome = perValue.allSatisfy { $0 }
        default: outcome = op.negated ? perValue.allSatisfy { $0 } : perValue.contains(true)
        }
        return outcome ? .matched : .notMatched("\(describe): request has \(values)")
    }

    /// Whether one request value matches one policy value; nil when they cannot be compared.
    private static func compare(_ family: Family, request: String, policy: String) -> Bool? {
        switch family {
        case .string(let ignoreCase, let like):
            if like { return Wildcard.matches(policy, request) }
            return ignoreCase ? request.lowercased() == policy.lowercased() : request == policy
        case .numeric(let relation):
            guard let lhs = Double(request), let rhs = Double(policy) else { return nil }
            return relation(lhs, rhs)
        case .date(let relation):
            guard let lhs = date(request), let rhs = date(policy) else { return nil }
            return relation(lhs, rhs)
        case .bool:
            return request.lowercased() == policy.lowercased()
        case .ip:
            guard let range = CIDR(policy), let address = IPAddress(request) else { return nil }
            return range.contains(address)
        case .arn:
            return Wildcard.matchesARN(policy, request)
        case .null:
            return nil
        }
    }

    /// Dates as IAM accepts them: ISO 8601 (with or without fractional seconds) or epoch seconds.
    static func date(_ text: String) -> Double? {
        if let epoch = Double(text) { return epoch }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
