import Foundation

/// The rules a value must meet before it is stored. Messages never contain the value.
enum ParameterValueRules {
    /// Lengths are counted as AWS's Java service counts them: UTF-16 code units.
    static func length(of value: String) -> Int { value.utf16.count }

    static func checkLength(_ value: String, tier: ParameterTier) throws(SSMError) {
        guard length(of: value) > tier.maxValueLength else { return }
        switch tier {
        case .standard:
            // Real AWS text (EB-SPEC §C.4).
            throw .validation(
                "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html"
            )
        case .advanced:
            // Unverified: worded after the standard-tier message.
            throw .validation("Advanced tier parameters support a maximum parameter value of 8192 characters.")
        }
    }

    /// Values may not hold references such as `{{ssm:other}}` (PutParameter docs).
    static func checkNoNestedReference(_ value: String) throws(SSMError) {
        guard let open = value.range(of: "{{"), value[open.upperBound...].contains("}}") else { return }
        // Unverified wording.
        throw .validation("Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.")
    }

    /// `AllowedPattern` must match the whole value (as Java's `String.matches` does; that AWS
    /// anchors the pattern is unverified). An empty pattern constrains nothing.
    static func check(_ value: String, allowedPattern: String?) throws(SSMError) {
        guard let pattern = allowedPattern, !pattern.isEmpty else { return }
        let expression = try compile(pattern)
        let range = NSRange(value.startIndex..., in: value)
        guard expression.firstMatch(in: value, options: [], range: range) != nil else {
            throw .parameterPatternMismatch(allowedPattern: pattern)
        }
    }

    static func compile(_ pattern: String) throws(SSMError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        } catch {
            throw .invalidAllowedPattern
        }
    }

    /// `aws:ec2:image` values are AMI IDs. AWS then checks asynchronously that the image exists;
    /// ebauth has no images to check against, so only the form is checked.
    static func checkAMIFormat(_ value: String) throws(SSMError) {
        let hex = value.dropFirst(4)
        guard value.hasPrefix("ami-"), hex.count == 8 || hex.count == 17,
            hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else {
            // Unverified wording.
            throw .validation(
                "The parameter value must be an Amazon Machine Image (AMI) ID in the format ami-12345abcdeEXAMPLE.")
        }
    }
}
