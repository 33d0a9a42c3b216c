import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML request body (CreateBucketConfiguration, Delete, CompleteMultipartUpload, Tagging,
/// VersioningConfiguration): element names without namespace prefixes, text as sent.
///
/// Bodies are refused before parsing if they could make the parser do more than read elements:
/// any `<!DOCTYPE`/`<!ENTITY` (so no entity can be declared, hence none expanded), non-UTF-8
/// encodings (so the check above cannot be dodged by re-encoding), and bodies over the limit.
/// External entities are off in the parser as well. All of these are `MalformedXML`, as S3 says.
struct RequestXML: Sendable, Equatable {
    var name: String
    var text: String
    var children: [RequestXML]

    func child(_ name: String) -> RequestXML? { children.first { $0.name == name } }

    func children(_ name: String) -> [RequestXML] { children.filter { $0.name == name } }

    /// The text of the named child, whitespace kept (object keys may carry spaces).
    func value(_ name: String) -> String? { child(name)?.text }

    /// The text of the named child without surrounding whitespace.
    func trimmed(_ name: String) -> String? { child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines) }

    static let maxBodyBytes = 4 * 1024 * 1024

    static func parse(_ bytes: [UInt8]) throws(S3Error) -> RequestXML {
        guard bytes.count <= maxBodyBytes else { throw .maxMessageLengthExceeded }
        guard let text = String(validating: bytes, as: UTF8.self), !text.contains("\u{0}") else { throw .malformedXML }
        if text.contains("<!") {
            // Comments and CDATA sections are the only `<!` constructs a request needs.
            var rest = Substring(text)
            while let range = rest.range(of: "<!") {
                let after = rest[range.upperBound...]
                guard after.hasPrefix("--") || after.hasPrefix("[CDATA[") else { throw .malformedXML }
                rest = after
            }
        }
        try refuseProcessingInstructions(text)
        if let declarationEnd = text.range(of: "?>"), text.hasPrefix("<?xml") {
            let declaration = text[..<declarationEnd.lowerBound].lowercased()
            if let encoding = declaration.range(of: "encoding") {
                let value = declaration[encoding.upperBound...].filter { !"= \"'\t\r\n".contains($0) }
                guard value == "utf-8" || value == "us-ascii" || value == "utf8" else { throw .malformedXML }
            }
        }
        let delegate = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = delegate
        guard parser.parse(), !delegate.refused, let root = delegate.root else { throw .malformedXML }
        return root
    }

    /// Allows the XML declaration at the start and no other processing instruction: request bodies
    /// need none, and Foundation's XMLParser crashes the process on one without data (`<?x?>`:
    /// strlen(NULL) in `_NSXMLParserProcessingInstruction`; found by the s3-xml fuzz target). A raw
    /// `<?` inside a comment or CDATA section is refused too; clients escape `<` in keys as `&lt;`.
    private static func refuseProcessingInstructions(_ text: String) throws(S3Error) {
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]
        // Only the declaration's own `<?` is skipped, not up to the first `?>`: `<?xml ><?x?>` has
        // no end of its own before the second instruction (the fuzzer's second finding).
        if rest.hasPrefix("<?xml"), let next = rest.dropFirst(5).first, blanks.contains(next) {
            rest = rest.dropFirst(2)
        }
        guard !rest.contains("<?") else { throw .malformedXML }
    }
}

/// Builds the element tree; refuses any declaration the pre-check let through.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [RequestXML] = []
    var root: RequestXML?
    var refused = false
    static let maxDepth = 16

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard stack.count < Self.maxDepth else { return refuse(parser) }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(RequestXML(name: local, text: "", children: []))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return refuse(parser) }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser)
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
        refuse(parser)
    }

    func parser(
        _ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
        notationName: String?
    ) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser)
        return nil
    }

    private func refuse(_ parser: XMLParser) {
        refused = true
        parser.abortParsing()
    }
}
