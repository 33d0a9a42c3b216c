/// Label rules from the LabelParameterVersion documentation: up to 100 characters of letters,
/// digits, `.`, `-` and `_`; not starting with a digit, `aws` or `ssm` (any case).
enum ParameterLabel {
    static let maxLength = 100
    static let maxPerVersion = 10

    /// A label breaking these rules is returned in `InvalidLabels`, not raised as an error.
    static func isValid(_ label: String) -> Bool {
        guard let first = label.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        let lowered = label.lowercased()
        if lowered.hasPrefix("aws") || lowered.hasPrefix("ssm") { return false }
        return label.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }
}
