import Foundation

/// Substitutes policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, and the
/// `${key, 'default'}` form) in Resource and Condition values of 2012-10-17 documents.
enum PolicyVariables {
    enum Outcome: Equatable {
        case text(String)
        /// The key is known but has no value in this request: the element does not match.
        case absent(String)
        /// ebauth cannot fill this key: the caller must fail closed.
        case unsupported(String)
    }

    static func substitute(_ text: String, in context: RequestKeys) -> Outcome {
        guard hasVariable(text) else { return .text(text) }
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                output += rest[start.lowerBound...]
                return .text(output)
            }
            let inner = rest[start.upperBound..<end].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: end)...]
            switch inner {
            case "*": output += "*"; continue
            case "?": output += "?"; continue
            case "$": output += "$"; continue
            default: break
            }
            var key = inner
            var fallback: String?
            if let comma = inner.firstIndex(of: ",") {
                key = inner[..<comma].trimmingCharacters(in: .whitespaces)
                let value = inner[inner.index(after: comma)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
                    fallback = String(value.dropFirst().dropLast())
                }
            }
            switch context.lookup(key) {
            case .values(let values) where values.count == 1:
                output += values[0]
            case .values, .absent:
                guard let fallback else { return .absent(key) }
                output += fallback
            case .unsupported:
                return .unsupported(key)
            }
        }
        output += rest
        return .text(output)
    }

    /// Whether `text` holds `${`: asked of every Resource pattern of every statement per request,
    /// so a byte scan rather than Foundation's substring search.
    static func hasVariable(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
