/// Variable substitution as Dockerfiles (BuildKit's shell lexer) and Compose files write it:
/// `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`,
/// `${NAME:?message}`, `${NAME?message}`; `$$` is a literal `$` in Compose files.
struct ArgumentExpander {
    enum Failure: Error, Equatable {
        /// `${NAME:?message}` with NAME unset or empty.
        case required(name: String, message: String)
    }

    var variables: [String: String]
    /// Compose treats `$$` as an escaped dollar; Dockerfiles do not.
    var dollarDollarEscapes = false
    /// Names used but not set (Compose warns about them and substitutes "").
    private(set) var unset: [String] = []

    init(variables: [String: String], dollarDollarEscapes: Bool = false) {
        self.variables = variables
        self.dollarDollarEscapes = dollarDollarEscapes
    }

    mutating func expand(_ text: String) throws(Failure) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else {
                output.append("$")
                break
            }
            if dollarDollarEscapes && text[next] == "$" {
                output.append("$")
                index = text.index(after: next)
            } else if text[next] == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    output.append(contentsOf: text[index...])
                    break
                }
                output += try braced(String(text[text.index(after: next)..<close]))
                index = text.index(after: close)
            } else if isNameStart(text[next]) {
                var end = next
                while end < text.endIndex && isNameCharacter(text[end]) { end = text.index(after: end) }
                output += value(String(text[next..<end])) ?? ""
                index = end
            } else {
                output.append("$")
                index = next
            }
        }
        return output
    }

    private mutating func braced(_ body: String) throws(Failure) -> String {
        var nameEnd = body.startIndex
        while nameEnd < body.endIndex && isNameCharacter(body[nameEnd]) { nameEnd = body.index(after: nameEnd) }
        let name = String(body[..<nameEnd])
        let rest = body[nameEnd...]
        let current = variables[name]
        func word(_ prefix: Int) -> String { String(rest.dropFirst(prefix)) }
        if rest.hasPrefix(":-") { return (current?.isEmpty ?? true) ? word(2) : current! }
        if rest.hasPrefix("-") { return current ?? word(1) }
        if rest.hasPrefix(":+") { return (current?.isEmpty ?? true) ? "" : word(2) }
        if rest.hasPrefix("+") { return current == nil ? "" : word(1) }
        if rest.hasPrefix(":?") {
            if current?.isEmpty ?? true { throw .required(name: name, message: word(2)) }
            return current!
        }
        if rest.hasPrefix("?") {
            guard let current else { throw .required(name: name, message: word(1)) }
            return current
        }
        return value(name) ?? ""
    }

    private mutating func value(_ name: String) -> String? {
        if let value = variables[name] { return value }
        if !unset.contains(name) { unset.append(name) }
        return nil
    }

    private func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
    private func isNameCharacter(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
}
