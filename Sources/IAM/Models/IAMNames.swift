/// IAM's input constraints (from the IAM API model), checked before anything is stored.
enum IAMNames {
    /// `[\w+=,.@-]+`, the pattern of user, role, policy and instance profile names.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || "_+=,.@-".unicodeScalars.contains(scalar)
            }
    }

    static func name(_ value: String?, member: String, maxLength: Int) throws(IAMError) -> String {
        guard let value else { throw IAMError.constraint(nil, member: member, "Member must not be null") }
        guard value.count <= maxLength else {
            throw IAMError.constraint(
                value, member: member, "Member must have length less than or equal to \(maxLength)")
        }
        guard isName(value) else {
            throw IAMError.constraint(
                value, member: member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+")
        }
        return value
    }

    /// `/` or `/segments/`, printable ASCII, at most 512 characters.
    static func path(_ value: String?, member: String = "path") throws(IAMError) -> String {
        guard let value else { return "/" }
        let printable = value.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
        guard value.count <= 512, value.hasPrefix("/"), value.hasSuffix("/"), printable else {
            throw IAMError.constraint(
                value, member: member,
                "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)")
        }
        return value
    }

    /// `[\w+=,.@-]*`, 2 to 64 characters (STS RoleSessionName).
    static func sessionName(_ value: String?) throws(STSError) -> String {
        guard let value else {
            throw .validation(
                "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
            )
        }
        guard value.count >= 2, value.count <= 64 else {
            throw .validation(
                "1 validation error detected: Value '\(value)' at 'roleSessionName' failed to satisfy constraint: Member must have length \(value.count < 2 ? "greater than or equal to 2" : "less than or equal to 64")"
            )
        }
        guard isName(value) else {
            throw .validation(
                "1 validation error detected: Value '\(value)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
            )
        }
        return value
    }
}
