import TextAlgorithms

/// The endpoints of the distribution API under `/v2/`, parsed from the raw path.
///
/// Parsed from the end, because repository names may themselves contain `manifests`, `blobs`,
/// `uploads` or `tags` components: `/v2/a/manifests/b/manifests/latest` is the tag `latest` of
/// the repository `a/manifests/b`. Each component is percent-decoded on its own (some clients
/// send `sha256%3A…`); names are then checked against the grammar, which refuses `.`, `..`,
/// empty components and anything escaped.
enum RegistryRoute: Equatable {
    case base
    case catalog
    case tags(name: String)
    case manifest(name: String, reference: String)
    case blob(name: String, digest: String)
    /// `POST /v2/<name>/blobs/uploads/`
    case uploads(name: String)
    case upload(name: String, id: String)

    /// nil when the path is no endpoint of the API.
    static func parse(path: String) -> RegistryRoute? {
        guard path == "/v2" || path.hasPrefix("/v2/") else { return nil }
        let rest = path.dropFirst(path == "/v2" ? 3 : 4)
        if rest.isEmpty { return .base }
        var segments: [String] = []
        // Split and searched by UTF-8 byte (the delimiters are ASCII): this runs per registry request.
        for rawBytes in rest.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let raw = Substring(rawBytes)
            guard let decoded = percentDecoded(raw) else { return nil }
            // A decoded slash would smuggle a second component past the name grammar; keeping
            // the escaped form makes the name invalid instead.
            segments.append(decoded.utf8.contains(UInt8(ascii: "/")) ? String(raw) : decoded)
        }
        if segments == ["_catalog"] { return .catalog }
        let count = segments.count
        func name(dropping tail: Int) -> String? {
            guard count > tail else { return nil }
            return segments[..<(count - tail)].joined(separator: "/")
        }
        if count >= 3, segments[count - 2] == "tags", segments[count - 1] == "list" {
            return name(dropping: 2).map { .tags(name: $0) }
        }
        if count >= 3, segments[count - 3] == "blobs", segments[count - 2] == "uploads" {
            let id = segments[count - 1]
            return name(dropping: 3).map { id.isEmpty ? .uploads(name: $0) : .upload(name: $0, id: id) }
        }
        if count >= 3, segments[count - 2] == "blobs", segments[count - 1] == "uploads" {
            return name(dropping: 2).map { .uploads(name: $0) }
        }
        if count >= 3, segments[count - 2] == "manifests" {
            return name(dropping: 2).map { .manifest(name: $0, reference: segments[count - 1]) }
        }
        if count >= 3, segments[count - 2] == "blobs" {
            return name(dropping: 2).map { .blob(name: $0, digest: segments[count - 1]) }
        }
        return nil
    }

    var name: String? {
        switch self {
        case .base, .catalog: nil
        case .tags(let name), .manifest(let name, _), .blob(let name, _), .uploads(let name), .upload(let name, _): name
        }
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return PercentDecoding.decodeStrictly(text).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
