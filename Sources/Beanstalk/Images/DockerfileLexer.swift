/// Splits a Dockerfile into instructions: honours the `escape` parser directive, joins lines
/// ending in the escape character, drops comment lines (also inside continuations) and skips
/// heredoc bodies (`RUN <<EOF … EOF`), whose lines are not instructions.
enum DockerfileLexer {
    struct Instruction: Equatable {
        let keyword: String
        let arguments: String
        /// 1-based line where the instruction starts.
        let line: Int
    }

    static func instructions(_ text: String) -> [Instruction] {
        // "\r\n" is one Character in Swift, so split on both separators explicitly.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var escape: Character = "\\"
        var index = 0
        // Parser directives: `# key=value` lines at the very top.
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { break }
            let key = line.dropFirst()[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key == "escape", let character = value.first, value.count == 1 { escape = character }
            guard key.allSatisfy({ $0.isLetter }) else { break }
            index += 1
        }
        var result: [Instruction] = []
        while index < lines.count {
            var start: Int?
            var logical = ""
            var continuing = true
            while continuing && index < lines.count {
                let line = lines[index]
                index += 1
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("#") { continue }
                if start == nil { start = index - 1 }
                if trimmed.last == escape {
                    logical += String(trimmed.dropLast()) + " "
                } else {
                    logical += line
                    continuing = false
                }
            }
            let trimmed = logical.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let keywordEnd = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? trimmed.endIndex
            let keyword = trimmed[..<keywordEnd].uppercased()
            let arguments = trimmed[keywordEnd...].trimmingCharacters(in: .whitespaces)
            result.append(Instruction(keyword: keyword, arguments: arguments, line: (start ?? index - 1) + 1))
            for terminator in heredocTerminators(arguments) {
                while index < lines.count {
                    let line = lines[index]
                    index += 1
                    if line == terminator.word
                        || (terminator.stripTabs && line.trimmingCharacters(in: ["\t"]) == terminator.word)
                    {
                        break
                    }
                }
            }
        }
        return result
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in an instruction's arguments.
    private static func heredocTerminators(_ arguments: String) -> [(word: String, stripTabs: Bool)] {
        var result: [(String, Bool)] = []
        var rest = Substring(arguments)
        while let range = rest.range(of: "<<") {
            var after = rest[range.upperBound...]
            var stripTabs = false
            if after.first == "-" {
                stripTabs = true
                after = after.dropFirst()
            }
            if let quote = after.first, quote == "\"" || quote == "'" { after = after.dropFirst() }
            let word = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !word.isEmpty { result.append((String(word), stripTabs)) }
            rest = after
        }
        return result
    }

    /// Whitespace-separated words (FROM, ARG, EXPOSE arguments are not shell-quoted in practice;
    /// quotes are kept inside the word).
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The value of `--name=value` among an instruction's leading flags.
    static func flag(_ name: String, in arguments: String) -> String? {
        for word in words(arguments) {
            guard word.hasPrefix("--") else { break }
            let prefix = "--" + name + "="
            if word.lowercased().hasPrefix(prefix) { return String(word.dropFirst(prefix.count)) }
        }
        return nil
    }
}
