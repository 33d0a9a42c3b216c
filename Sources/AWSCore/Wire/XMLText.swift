/// Escapes text for XML: `&`, `<` and `>` in element content (quotes stay as they are, as AWS
/// writes them), and quotes too in attribute values.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        replace(text, quotes: false)
    }

    public static func escapeAttribute(_ text: String) -> String {
        replace(text, quotes: true)
    }

    static func replace(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&apos;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
