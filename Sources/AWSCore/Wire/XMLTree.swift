/// A small XML document builder for REST-XML and query-protocol responses.
public indirect enum XMLTree: Sendable {
    case element(String, attributes: [(String, String)] = [], children: [XMLTree])
    case text(String)

    /// `<name>value</name>`
    public static func leaf(_ name: String, _ value: String) -> XMLTree {
        .element(name, children: [.text(value)])
    }

    public static func node(_ name: String, _ children: [XMLTree]) -> XMLTree {
        .element(name, children: children)
    }

    public func render(into output: inout String) {
        switch self {
        case .text(let value):
            output += XMLText.escape(value)
        case .element(let name, let attributes, let children):
            output += "<\(name)"
            for (key, value) in attributes { output += " \(key)=\"\(XMLText.escapeAttribute(value))\"" }
            if children.isEmpty {
                output += "/>"
                return
            }
            output += ">"
            for child in children { child.render(into: &output) }
            output += "</\(name)>"
        }
    }

    /// The document with an XML declaration, as S3 and the query services send it.
    public var document: String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        render(into: &output)
        return output
    }
}
