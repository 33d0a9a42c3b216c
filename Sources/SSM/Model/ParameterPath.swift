/// The `Path` of GetParametersByPath, or a `Path` filter value: a hierarchy such as `/app/db`.
struct ParameterPath: Sendable, Equatable {
    /// Without a trailing slash; `/` for the root.
    let normalized: String

    /// AWS's text for a malformed path (as moto records it; unverified against AWS).
    static let invalidMessage =
        "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_."

    init(_ raw: String) throws(SSMError) {
        let path = ParameterName.trimmingSpaces(raw)
        guard path.hasPrefix("/"), !path.contains("//"),
            path.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
            })
        else { throw .validation(Self.invalidMessage) }
        var normalized = path
        while normalized.count > 1 && normalized.hasSuffix("/") { normalized.removeLast() }
        self.normalized = normalized
    }

    var isRoot: Bool { normalized == "/" }

    /// `arn:aws:ssm:REGION:ACCOUNT:parameter/app/db` (for the root, `…:parameter/`).
    func arn(in scope: SSMScope) -> String { scope.parameterARNPrefix + normalized.dropFirst() }

    /// Key bounds `[lower, upper)` covering every parameter under this path.
    var keyRange: (lower: String?, upper: String?) {
        // "0" is the character after "/", so `/app/` ..< `/app0` holds exactly the keys under /app.
        isRoot ? (nil, nil) : (normalized + "/", normalized + "0")
    }

    /// Whether the parameter with `key` lies under the path: anywhere below when `recursive`,
    /// otherwise directly in it. Flat names live directly under the root.
    func contains(key: String, recursive: Bool) -> Bool {
        if isRoot { return recursive || !key.contains("/") }
        let prefix = normalized + "/"
        guard key.hasPrefix(prefix) else { return false }
        return recursive || !key.dropFirst(prefix.count).contains("/")
    }
}
