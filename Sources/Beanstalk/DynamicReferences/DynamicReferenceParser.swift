/// Finds dynamic references in a value and replaces them once resolved.
public enum DynamicReferenceParser {
    /// Every `{{resolve:…}}` token in `value`, in order. A token whose service is `ssm`,
    /// `ssm-secure` or `secretsmanager` but whose shape is wrong is reported as malformed;
    /// text that does not start with `{{resolve:` is left alone, as CloudFormation leaves it.
    public static func scan(_ value: String) throws(DynamicReferenceError) -> [DynamicReferenceMatch] {
        var matches: [DynamicReferenceMatch] = []
        var searchStart = value.startIndex
        while let open = value.range(of: "{{resolve:", range: searchStart..<value.endIndex) {
            guard let close = value.range(of: "}}", range: open.upperBound..<value.endIndex) else { break }
            let token = String(value[open.lowerBound..<close.upperBound])
            let body = String(value[open.upperBound..<close.lowerBound])
            matches.append(
                DynamicReferenceMatch(
                    reference: try parse(body: body, token: token), token: token,
                    range: open.lowerBound..<close.upperBound))
            searchStart = close.upperBound
        }
        return matches
    }

    /// Parses the text between `{{resolve:` and `}}`.
    static func parse(body: String, token: String) throws(DynamicReferenceError) -> DynamicReference {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let service = parts.first else { throw .malformed(token: token) }
        switch service {
        case "ssm", "ssm-secure":
            // {{resolve:ssm:parameter-name[:version]}}; names are [a-zA-Z0-9_.\-/]+.
            guard parts.count == 2 || parts.count == 3, isParameterName(parts[1]) else {
                throw .malformed(token: token)
            }
            var version: Int?
            if parts.count == 3 {
                guard let number = Int(parts[2]), number > 0, parts[2].allSatisfy(\.isNumber) else {
                    throw .malformed(token: token)
                }
                version = number
            }
            return service == "ssm"
                ? .ssm(name: parts[1], version: version) : .ssmSecure(name: parts[1], version: version)
        case "secretsmanager":
            // secret-id may be a full ARN, which holds colons of its own (7 fields).
            var rest = Array(parts.dropFirst())
            var secretID: String
            if rest.first == "arn", rest.count >= 7 {
                secretID = rest[0..<7].joined(separator: ":")
                rest = Array(rest.dropFirst(7))
            } else {
                secretID = rest.first ?? ""
                rest = Array(rest.dropFirst())
            }
            guard !secretID.isEmpty, rest.count <= 4 else { throw .malformed(token: token) }
            if let field = rest.first, !field.isEmpty, field != "SecretString" { throw .malformed(token: token) }
            func field(_ index: Int) -> String? { index < rest.count && !rest[index].isEmpty ? rest[index] : nil }
            return .secretsManager(secretID: secretID, jsonKey: field(1), versionStage: field(2), versionID: field(3))
        default:
            throw .unsupportedService(service: service, token: token)
        }
    }

    private static func isParameterName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-/".contains($0)) }
    }

    /// `value` with each token replaced by its resolved text.
    public static func substitute(
        _ value: String, _ matches: [DynamicReferenceMatch], resolved: [DynamicReference: String]
    ) -> String {
        var result = ""
        var position = value.startIndex
        for match in matches {
            result += value[position..<match.range.lowerBound]
            result += resolved[match.reference] ?? match.token
            position = match.range.upperBound
        }
        return result + value[position...]
    }
}
