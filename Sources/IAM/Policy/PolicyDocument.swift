import Foundation

/// An IAM policy document, parsed once into typed statements.
///
/// The grammar is AWS's (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
/// `Statement` is one object or a list; `Action`, `Resource`, `Principal` values are one string
/// or a list; condition values are strings, numbers or booleans, one or a list.
public struct PolicyDocument: Sendable, Equatable {
    public var version: String?
    public var statements: [PolicyStatement]

    /// Variables such as `${aws:username}` are only substituted in version 2012-10-17.
    public var allowsVariables: Bool { version == "2012-10-17" }

    public init(version: String?, statements: [PolicyStatement]) {
        self.version = version
        self.statements = statements
    }

    /// Parses `text`; throws `PolicyParseError` with the MalformedPolicyDocument text IAM gives.
    public init(parsing text: String) throws(PolicyParseError) {
        let shape: PolicyShape
        do {
            shape = try PolicyShape(parsing: text)
        } catch {
            throw error == .invalidJSON ? .invalidJSON : .syntax
        }
        let root = shape.root
        let allowed: Set<String> = ["Version", "Id", "Statement"]
        guard Set(root.keys).isSubset(of: allowed) else { throw .syntax }
        if let version = root["Version"] {
            guard let text = version as? String else { throw .syntax }
            guard text == "2012-10-17" || text == "2008-10-17" else { throw .legacyParsing }
            self.version = text
        } else {
            self.version = nil
        }
        // A missing, malformed or empty Statement; the statements' own findings are the grammar's below.
        guard shape.statementFinding == nil else { throw .syntax }
        statements = try shape.statements.enumerated().map { index, raw throws(PolicyParseError) in
            guard let object = raw as? [String: Any] else { throw .syntax }
            return try PolicyStatement(object, index: index)
        }
    }
}

/// Why a document was refused, in IAM's MalformedPolicyDocument words.
public enum PolicyParseError: Error, Equatable, Sendable {
    case invalidJSON
    case syntax
    case legacyParsing
    case missingActions
    case missingResources
    case missingPrincipal
    case principalNotAllowed
    case prohibitedField(String)
    case actionWithoutVendor
    case unsupportedCondition(String)

    /// Texts as AWS returns them. `missingPrincipal` is inferred (not seen in a captured response).
    public var message: String {
        switch self {
        case .invalidJSON: "This policy contains invalid Json"
        case .syntax: "Syntax errors in policy."
        case .legacyParsing: "The policy failed legacy parsing"
        case .missingActions: "Policy statement must contain actions."
        case .missingResources: "Policy statement must contain resources."
        case .missingPrincipal: "Missing required field Principal"
        case .principalNotAllowed: "Policy document should not specify a principal."
        case .prohibitedField(let field): "Has prohibited field \(field)"
        case .actionWithoutVendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        case .unsupportedCondition(let text): "Syntax errors in policy. \(text)"
        }
    }
}

public struct PolicyStatement: Sendable, Equatable {
    public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

    /// Which actions (or all but which) the statement covers.
    public enum Actions: Sendable, Equatable {
        case action([String])
        case notAction([String])
        case none
    }

    public enum Resources: Sendable, Equatable {
        case resource([String])
        case notResource([String])
        case none
    }

    public enum Principals: Sendable, Equatable {
        case principal(PrincipalSet)
        case notPrincipal(PrincipalSet)
        case none
    }

    public var sid: String?
    /// Position in the document, for explanations of statements without a Sid.
    public var index: Int
    public var effect: Effect
    public var actions: Actions
    public var resources: Resources
    public var principals: Principals
    public var conditions: [ConditionClause]

    /// `Sid` or `#N` (1-based), as decisions name it.
    public var label: String { sid.map { "Sid \"\($0)\"" } ?? "statement #\(index + 1)" }

    init(_ object: [String: Any], index: Int) throws(PolicyParseError) {
        let allowed: Set<String> = [
            "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
        ]
        guard Set(object.keys).isSubset(of: allowed) else { throw .syntax }
        self.index = index
        if let sid = object["Sid"] {
            guard let text = sid as? String else { throw .syntax }
            self.sid = text
        }
        guard let effectText = object["Effect"] as? String, let effect = Effect(rawValue: effectText) else {
            throw .syntax
        }
        self.effect = effect
        switch (object["Action"], object["NotAction"]) {
        case (nil, nil): actions = .none
        case (let value?, nil): actions = .action(try Self.strings(value))
        case (nil, let value?): actions = .notAction(try Self.strings(value))
        default: throw .syntax
        }
        switch (object["Resource"], object["NotResource"]) {
        case (nil, nil): resources = .none
        case (let value?, nil): resources = .resource(try Self.strings(value))
        case (nil, let value?): resources = .notResource(try Self.strings(value))
        default: throw .syntax
        }
        switch (object["Principal"], object["NotPrincipal"]) {
        case (nil, nil): principals = .none
        case (let value?, nil): principals = .principal(try PrincipalSet(value))
        case (nil, let value?): principals = .notPrincipal(try PrincipalSet(value))
        default: throw .syntax
        }
        conditions = []
        if let condition = object["Condition"] {
            guard let blocks = condition as? [String: Any] else { throw .syntax }
            for (operatorName, body) in blocks.sorted(by: { $0.key < $1.key }) {
                guard let keys = body as? [String: Any] else { throw .syntax }
                for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
                    conditions.append(
                        ConditionClause(operatorName: operatorName, key: key, values: try Self.conditionValues(value)))
                }
            }
        }
    }

    /// A string or a non-empty list of strings.
    static func strings(_ value: Any) throws(PolicyParseError) -> [String] {
        if let text = value as? String { return [text] }
        guard let list = value as? [Any], !list.isEmpty else { throw .syntax }
        var result: [String] = []
        for item in list {
            guard let text = item as? String else { throw .syntax }
            result.append(text)
        }
        return result
    }

    /// Condition values may be strings, numbers or booleans; IAM compares their text.
    static func conditionValues(_ value: Any) throws(PolicyParseError) -> [String] {
        func text(_ item: Any) throws(PolicyParseError) -> String {
            switch item {
            case let string as String: return string
            case let number as NSNumber:
                // JSONSerialization gives booleans the ObjC type "c"; JSON numbers never have it.
                if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
                return number.stringValue
            default: throw .syntax
            }
        }
        if let list = value as? [Any] {
            var result: [String] = []
            for item in list { result.append(try text(item)) }
            return result
        }
        return [try text(value)]
    }
}

/// The principals a `Principal` or `NotPrincipal` element names.
public struct PrincipalSet: Sendable, Equatable {
    /// `"Principal": "*"`.
    public var everyone = false
    public var aws: [String] = []
    public var service: [String] = []
    public var federated: [String] = []
    public var canonicalUser: [String] = []

    init(_ value: Any) throws(PolicyParseError) {
        if let text = value as? String {
            guard text == "*" else { throw .syntax }
            everyone = true
            return
        }
        guard let map = value as? [String: Any], !map.isEmpty else { throw .syntax }
        for (kind, names) in map {
            let list = try PolicyStatement.strings(names)
            switch kind {
            case "AWS": aws = list
            case "Service": service = list
            case "Federated": federated = list
            case "CanonicalUser": canonicalUser = list
            default: throw .syntax
            }
        }
    }
}

/// One `operator: {key: values}` entry of a Condition block.
public struct ConditionClause: Sendable, Equatable {
    public var operatorName: String
    public var key: String
    public var values: [String]
}
