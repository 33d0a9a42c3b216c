import Yams

/// A configuration file's content, the same whether it was written as YAML or JSON. Scalars
/// keep their source text (`1.10` stays `1.10`, `yes` stays `yes`), because Beanstalk passes
/// option values on as strings.
public indirect enum ConfigValue: Sendable, Equatable {
    case null
    case scalar(String)
    case sequence([ConfigValue])
    /// Keys in file order.
    case mapping([(key: String, value: ConfigValue)])

    public static func == (lhs: ConfigValue, rhs: ConfigValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.scalar(let a), .scalar(let b)): a == b
        case (.sequence(let a), .sequence(let b)): a == b
        case (.mapping(let a), .mapping(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public subscript(key: String) -> ConfigValue? {
        guard case .mapping(let pairs) = self else { return nil }
        // Duplicate keys: the last one counts, as a YAML loader building a map keeps it.
        return pairs.last { $0.key == key }?.value
    }

    public var scalar: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }

    /// A scalar, or "" for null.
    var text: String? {
        switch self {
        case .scalar(let text): text
        case .null: ""
        default: nil
        }
    }

    /// YAML 1.1 booleans as cfn-init reads `ignoreErrors` / `leader_only`.
    var bool: Bool? {
        guard let text = scalar?.lowercased() else { return nil }
        if ["true", "yes", "on", "y"].contains(text) { return true }
        if ["false", "no", "off", "n"].contains(text) { return false }
        return nil
    }

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            self =
                (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
                ? .null : .scalar(scalar.string)
        case .sequence(let sequence):
            self = .sequence(sequence.map(ConfigValue.init))
        case .mapping(let mapping):
            self = .mapping(mapping.map { (key: $0.key.string ?? "\($0.key)", value: ConfigValue($0.value)) })
        case .alias:
            self = .null
        }
    }

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .scalar(value ? "true" : "false")
        case .integer(let value): self = .scalar(String(value))
        case .number(let value): self = .scalar(String(value))
        case .string(let value): self = .scalar(value)
        case .array(let values): self = .sequence(values.map(ConfigValue.init))
        case .object(let object):
            self = .mapping(object.keys.sorted().map { (key: $0, value: ConfigValue(object[$0]!)) })
        }
    }
}
