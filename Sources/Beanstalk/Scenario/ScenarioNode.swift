import Foundation
import Yams

/// A position in a scenario document, with typed accessors that fail with the key's path, and
/// a check that no unknown key slipped in (a typo would otherwise silently mean "not set").
struct ScenarioNode {
    let node: Node?
    let path: String
    let file: String

    init(_ node: Node?, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    func error(_ problem: String) -> ScenarioError {
        ScenarioError(file: file, key: path, problem: problem)
    }

    var isMissing: Bool {
        guard let node else { return true }
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) {
            return true
        }
        return false
    }

    subscript(key: String) -> ScenarioNode {
        ScenarioNode(node?.mapping?[key], path: path.isEmpty ? key : path + "." + key, file: file)
    }

    /// Refuses keys outside `allowed`.
    func mapping(allowed: [String]) throws(ScenarioError) -> ScenarioNode {
        guard let mapping = node?.mapping else { throw error("must be a mapping") }
        for key in mapping.keys {
            guard let name = key.string, allowed.contains(name) else {
                let name = key.string ?? "\(key)"
                let prefix = path.isEmpty ? "" : path + "."
                throw ScenarioError(
                    file: file, key: prefix + name,
                    problem: "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
        return self
    }

    func string() throws(ScenarioError) -> String {
        guard !isMissing else { throw error("is required") }
        guard case .scalar(let scalar)? = node else { throw error("must be a single value") }
        return scalar.string
    }

    func optionalString() throws(ScenarioError) -> String? {
        isMissing ? nil : try string()
    }

    func oneOf(_ values: [String], default fallback: String? = nil) throws(ScenarioError) -> String {
        if isMissing, let fallback { return fallback }
        let value = try string()
        guard values.contains(value) else { throw error("'\(value)' is not one of: \(values.joined(separator: ", "))") }
        return value
    }

    func bool(default fallback: Bool) throws(ScenarioError) -> Bool {
        guard let text = try optionalString() else { return fallback }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("must be true or false")
        }
    }

    func items() throws(ScenarioError) -> [ScenarioNode] {
        if isMissing { return [] }
        guard let sequence = node?.sequence else { throw error("must be a list") }
        return sequence.enumerated().map { ScenarioNode($1, path: "\(path)[\($0)]", file: file) }
    }

    func strings() throws(ScenarioError) -> [String] {
        try items().map { item throws(ScenarioError) in try item.string() }
    }

    func stringMap() throws(ScenarioError) -> [String: String] {
        if isMissing { return [:] }
        guard let mapping = node?.mapping else { throw error("must be a mapping") }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            let name = key.string ?? "\(key)"
            let child = ScenarioNode(value, path: path.isEmpty ? name : path + "." + name, file: file)
            result[name] = try child.optionalString() ?? ""
        }
        return result
    }

    /// A policy document written as YAML or as a JSON string, returned as JSON text.
    func policyDocument() throws(ScenarioError) -> String {
        guard let node, !isMissing else { throw error("is required") }
        if case .scalar(let scalar) = node {
            guard let value = JSONValue.parse(Data(scalar.string.utf8)), value.object != nil else {
                throw error("must be a policy document (a mapping, or a JSON object as a string)")
            }
            return scalar.string
        }
        guard node.mapping != nil else {
            throw error("must be a policy document (a mapping, or a JSON object as a string)")
        }
        return ScenarioNode.json(node)
    }

    /// Node → compact JSON. Scalars keep their text; plain `true`/`false`/numbers stay JSON literals.
    static func json(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, let value = JSONValue.parse(Data(scalar.string.utf8)) {
                switch value {
                case .bool, .integer, .number, .null: return scalar.string
                default: break
                }
            }
            return DockerLogin.goJSONString(scalar.string)
        case .sequence(let sequence):
            return "[" + sequence.map(json).joined(separator: ",") + "]"
        case .mapping(let mapping):
            return "{"
                + mapping.map { DockerLogin.goJSONString($0.key.string ?? "") + ":" + json($0.value) }.joined(
                    separator: ",") + "}"
        case .alias:
            return "null"
        }
    }
}
