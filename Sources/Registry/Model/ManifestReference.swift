/// The `<reference>` of `/v2/<name>/manifests/<reference>`: a tag or a content digest.
public enum ManifestReference: Sendable, Hashable, CustomStringConvertible {
    case tag(String)
    case digest(String)

    /// Parses a reference; anything with a `:` must be a digest we can verify (sha256 only).
    public static func parse(_ text: String, flavor: RegistryNamespace.Flavor) throws(RegistryError)
        -> ManifestReference
    {
        if text.utf8.contains(UInt8(ascii: ":")) {
            return .digest(try Digest.parse(text))
        }
        guard Tag.isValid(text, flavor: flavor) else { throw .tagInvalid(text) }
        return .tag(text)
    }

    public var description: String {
        switch self {
        case .tag(let tag): tag
        case .digest(let digest): digest
        }
    }
}

/// Tags: `[\w][\w.-]{0,127}` (distribution); ECR allows up to 300 characters.
public enum Tag {
    public static func maximumLength(_ flavor: RegistryNamespace.Flavor) -> Int {
        flavor == .ecr ? 300 : 128
    }

    public static func isValid(_ tag: String, flavor: RegistryNamespace.Flavor) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength(flavor), isWord(first) else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        RepositoryName.isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
}

/// Content digests. Only `sha256:<64 lowercase hex>` is stored; other algorithms the OCI spec
/// names are refused as DIGEST_INVALID rather than silently mis-verified.
public enum Digest {
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count == 71, text.hasPrefix("sha256:") else { return false }
        return text.utf8.dropFirst(7).allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
    }

    public static func parse(_ text: String) throws(RegistryError) -> String {
        guard isValid(text) else { throw .digestInvalid(detail: "invalid digest \(text.prefix(80))") }
        return text
    }
}
