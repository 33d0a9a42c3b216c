/// A parameter's name, checked against Parameter Store's naming rules.
///
/// A name is flat (`USER`) or hierarchical (`/app/db/password`). A flat name may be written with
/// one leading slash: `/USER` and `USER` are the same parameter (AWS-validated in LocalStack's
/// `test_put_parameters`), so parameters are keyed by `key`, which drops that slash, while
/// responses echo the spelling the caller used.
struct ParameterName: Sendable, Hashable {
    /// As the caller wrote it, without surrounding spaces.
    let display: String
    /// The identity in the store: hierarchical names keep their leading slash, flat names lose it.
    let key: String

    /// AWS's answer for names with characters outside `a-zA-Z0-9_.-/`, inner spaces, or badly
    /// formed paths (seen for `a b`, `x@y`, `a/b/c`, `/a//b`; boto3#1499, aws-sdk-php#1952).
    static let invalidNameMessage =
        "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_"

    static let maxLength = 2048
    /// Usable length, counting the ARN prefix `arn:aws:ssm:REGION:ACCOUNT:parameter/` (PutParameter docs).
    static let maxLengthWithARNPrefix = 1011
    static let maxLevels = 15

    /// Parses `raw` (surrounding spaces are removed, as AWS does) and checks its syntax.
    init(_ raw: String) throws(SSMError) {
        let name = Self.trimmingSpaces(raw)
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isAllowed) else { throw .validation(Self.invalidNameMessage) }
        display = name
        // By byte: every character is ASCII here, and String.contains(String) goes through
        // Foundation's locale-aware search, a tenth of a GetParameter's CPU.
        let utf8 = name.utf8
        let slashes = utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        let leadingSlash = utf8.first == UInt8(ascii: "/")
        if slashes == 0 {
            key = name
        } else if leadingSlash && slashes == 1 {
            key = String(name.dropFirst())
            guard !key.isEmpty else { throw .validation(Self.invalidNameMessage) }
        } else {
            guard leadingSlash, utf8.last != UInt8(ascii: "/"), !Self.hasDoubleSlash(utf8) else {
                throw .validation(Self.invalidNameMessage)
            }
            key = name
        }
    }

    private static func hasDoubleSlash(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "/") && previous == byte { return true }
            previous = byte
        }
        return false
    }

    /// A name as stored (already validated when it was created).
    init(stored display: String, key: String) {
        self.display = display
        self.key = key
    }

    var isHierarchical: Bool { key.hasPrefix("/") }

    /// Number of levels: `/a/b/c` has three, `USER` one.
    var levels: Int { key.split(separator: "/").count }

    /// `arn:aws:ssm:REGION:ACCOUNT:parameter/a/b`, never `parameter//a/b`.
    func arn(in scope: SSMScope) -> String {
        scope.parameterARNPrefix + (isHierarchical ? String(key.dropFirst()) : key)
    }

    /// The rules that apply when a parameter is created: reserved prefixes, depth, and length
    /// including the ARN prefix.
    func checkCreatable(in scope: SSMScope) throws(SSMError) {
        let bare = isHierarchical ? String(key.dropFirst()) : key
        let lowered = bare.lowercased()
        if lowered.hasPrefix("aws") || lowered.hasPrefix("ssm") {
            if isHierarchical && lowered.hasPrefix("aws") {
                // Real: "No access to reserved parameter name: awssec/lab01/vpc_id." for "/awssec/lab01/vpc_id".
                throw .accessDenied("No access to reserved parameter name: \(bare).")
            }
            if isHierarchical { throw .validation(Self.invalidNameMessage) }
            throw .validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).")
        }
        if levels > Self.maxLevels { throw .hierarchyLevelLimitExceeded }
        let prefix = scope.parameterARNPrefix
        if prefix.utf16.count + bare.utf16.count > Self.maxLengthWithARNPrefix {
            // Unverified wording; the limit itself is documented for PutParameter.
            throw .validation(
                "Parameter name: must be \(Self.maxLengthWithARNPrefix) characters or fewer, including the ARN prefix \(prefix)."
            )
        }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
            UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    static func trimmingSpaces(_ raw: String) -> String {
        let utf8 = raw.utf8
        guard utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ") else { return raw }
        var scalars = Substring(raw)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
