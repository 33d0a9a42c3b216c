import Foundation
import Yams

/// Reads one `.ebextensions/*.config` file as Beanstalk does: YAML first, then JSON; when both
/// fail, the event names the file and both parsers' complaints.
enum ConfigFileParser {
    struct Failure: Error, Equatable {
        let yaml: String
        let json: String
    }

    static func parse(_ text: String) throws(Failure) -> ConfigValue {
        let yamlDetail: String
        do {
            return try parseYAML(text)
        } catch {
            yamlDetail = describe(error)
        }
        if let data = text.data(using: .utf8), let json = JSONValue.parse(data) {
            return ConfigValue(json)
        }
        throw Failure(yaml: yamlDetail, json: jsonDetail(text))
    }

    /// A duplicated top-level key (two `option_settings:`) is not an error for Beanstalk: "one
    /// of the sections is silently dropped" (EB guide, ebextensions). Yams refuses duplicate keys,
    /// so each top-level section is parsed on its own and the last one kept, as a YAML loader
    /// building a map would [I: which section survives is not documented].
    private static func parseYAML(_ text: String) throws -> ConfigValue {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return ConfigValue(node)
        } catch let error as YamlError {
            guard case .duplicatedKeysInMapping = error else { throw error }
            return try parseSections(text)
        }
    }

    private static func parseSections(_ text: String) throws -> ConfigValue {
        var sections: [[Substring]] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let startsSection = line.first.map { !$0.isWhitespace && $0 != "#" && $0 != "-" } ?? false
            if startsSection || sections.isEmpty {
                sections.append([line])
            } else {
                sections[sections.count - 1].append(line)
            }
        }
        var pairs: [(key: String, value: ConfigValue)] = []
        for section in sections {
            guard let node = try Yams.compose(yaml: section.joined(separator: "\n")),
                case .mapping(let sectionPairs) = ConfigValue(node)
            else { continue }
            for pair in sectionPairs {
                pairs.removeAll { $0.key == pair.key }
                pairs.append(pair)
            }
        }
        return .mapping(pairs)
    }

    /// The parser's complaint and position, without the quoted source line Yams appends: a
    /// configuration file may hold secrets, and events must not repeat them.
    static func describe(_ error: any Error) -> String {
        guard let yaml = error as? YamlError else { return "the file could not be read" }
        switch yaml {
        case .reader(let problem, let offset, _, _):
            return problem + (offset.map { " at offset \($0)" } ?? "")
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let lead = context.map { "\($0.text) in line \($0.mark.line), column \($0.mark.column), " } ?? ""
            return lead + "\(problem) in line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicated key(s) \(duplicates.joined(separator: ", ")) in line \(context.mark.line)"
        default:
            return "the file could not be read"
        }
    }

    private static func jsonDetail(_ text: String) -> String {
        guard let failure = StrictJSON.validate(Array(text.utf8)) else { return "the document is not a JSON object" }
        return "\(failure.message) at position \(failure.offset)"
    }
}
