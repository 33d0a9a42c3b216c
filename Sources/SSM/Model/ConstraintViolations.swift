/// Collects violations of the model's constraints and reports them the way AWS's front end does:
/// `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …`.
///
/// Members are named in lowerCamelCase as AWS names them in these messages. Values that may be
/// secret (a parameter's `Value`) are never passed in; their checks have their own messages.
struct ConstraintViolations {
    private var violations: [String] = []

    mutating func add(_ shownValue: String, at member: String, _ constraint: String) {
        violations.append("Value \(shownValue) at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// For members the model marks sensitive (a parameter's `Value`), AWS leaves the value out:
    /// `Value at 'value' failed to satisfy constraint: …` (seen in real PutParameter errors).
    mutating func addSensitive(at member: String, _ constraint: String) {
        violations.append("Value at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// `Member must not be null` for a required member that is absent.
    mutating func requireNonNull(_ value: Any?, _ member: String) {
        if value == nil { add("null", at: member, "Member must not be null") }
    }

    mutating func checkLength(_ value: String?, _ member: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        let length = value.utf16.count
        if let min, length < min {
            add(Self.quoted(value), at: member, "Member must have length greater than or equal to \(min)")
        }
        if let max, length > max {
            add(Self.quoted(value), at: member, "Member must have length less than or equal to \(max)")
        }
    }

    mutating func checkCount<T>(_ list: [T]?, _ member: String, shown: String, min: Int? = nil, max: Int? = nil) {
        guard let list else { return }
        if let min, list.count < min {
            add(shown, at: member, "Member must have length greater than or equal to \(min)")
        }
        if let max, list.count > max {
            add(shown, at: member, "Member must have length less than or equal to \(max)")
        }
    }

    mutating func checkRange(_ value: Int?, _ member: String, min: Int, max: Int) {
        guard let value else { return }
        if value < min { add("'\(value)'", at: member, "Member must have value greater than or equal to \(min)") }
        if value > max { add("'\(value)'", at: member, "Member must have value less than or equal to \(max)") }
    }

    mutating func checkEnum(_ value: String?, _ member: String, _ allowed: [String]) {
        guard let value, !allowed.contains(value) else { return }
        add(Self.quoted(value), at: member, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    mutating func checkPattern(_ value: String?, _ member: String, _ pattern: String, matches: (String) -> Bool) {
        guard let value, !matches(value) else { return }
        add(Self.quoted(value), at: member, "Member must satisfy regular expression pattern: \(pattern)")
    }

    /// Throws `ValidationException` listing every violation, if there is any.
    func check() throws(SSMError) {
        guard !violations.isEmpty else { return }
        let count = violations.count
        let noun = count == 1 ? "validation error" : "validation errors"
        throw .validation("\(count) \(noun) detected: " + violations.joined(separator: "; "))
    }

    static func quoted(_ value: String) -> String { "'\(value)'" }

    /// `'[a, b, c]'`, as AWS shows a list of strings.
    static func quoted(list: [String]) -> String { "'[\(list.joined(separator: ", "))]'" }
}
