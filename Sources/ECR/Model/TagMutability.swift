import TextAlgorithms

/// Whether pushing a tag that points at another image is allowed (`imageTagMutability` and its
/// exclusion filters). Filters are `*` wildcards over the whole tag.
struct TagMutability: Sendable, Equatable {
    static let values = ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"]

    var setting: String
    var exclusions: [String]

    /// `IMMUTABLE` and `IMMUTABLE_WITH_EXCLUSION` (for tags no filter matches) freeze a tag;
    /// `MUTABLE_WITH_EXCLUSION` freezes the tags a filter matches.
    func isImmutable(_ tag: String) -> Bool {
        switch setting {
        case "IMMUTABLE": true
        case "IMMUTABLE_WITH_EXCLUSION": !exclusions.contains { Self.matches($0, tag) }
        case "MUTABLE_WITH_EXCLUSION": exclusions.contains { Self.matches($0, tag) }
        default: false
        }
    }

    /// The text ECR sends when a push would move an immutable tag: the registry answers
    /// `TAG_INVALID` with it, PutImage `ImageTagAlreadyExistsException` (real registry output
    /// quoted in public CI logs; "the tag is immutable" is the wording seen since exclusion
    /// filters exist, assumed here for the *_WITH_EXCLUSION settings).
    func refusal(tag: String, repository: String) -> String {
        let reason = setting == "IMMUTABLE" ? "the repository is immutable" : "the tag is immutable"
        return
            "The image tag '\(tag)' already exists in the '\(repository)' repository and cannot be overwritten because \(reason)."
    }

    /// Checks settings and filters as CreateRepository / PutImageTagMutability receive them.
    static func validate(_ setting: String, exclusions: [ImageTagMutabilityExclusionFilter]?) throws(ECRError)
        -> TagMutability
    {
        guard values.contains(setting) else {
            throw .validation(
                "1 validation error detected: Value '\(setting.prefix(64))' at 'imageTagMutability' failed to satisfy constraint: Member must satisfy enum value set: [\(values.joined(separator: ", "))]"
            )
        }
        let filters = exclusions ?? []
        let withExclusion = setting.hasSuffix("_WITH_EXCLUSION")
        if withExclusion && filters.isEmpty {
            throw .invalidParameter(
                "imageTagMutabilityExclusionFilters must be specified when imageTagMutability is \(setting)")
        }
        if !withExclusion && !filters.isEmpty {
            throw .invalidParameter(
                "imageTagMutabilityExclusionFilters can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION"
            )
        }
        if filters.count > 5 {
            throw .validation(
                "1 validation error detected: Value at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: Member must have length less than or equal to 5"
            )
        }
        for filter in filters {
            let bytes = Array(filter.filter.utf8)
            let allowed = bytes.allSatisfy {
                (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
                    || [46, 95, 42, 45].contains($0)
            }
            guard filter.filterType == "WILDCARD", (1...128).contains(bytes.count), allowed else {
                throw .invalidParameter(
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'filter must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$' and filterType must be WILDCARD'"
                )
            }
        }
        return TagMutability(setting: setting, exclusions: filters.map(\.filter))
    }

    /// `*` matches any run of characters.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        Glob.matches(pattern, text)
    }
}
