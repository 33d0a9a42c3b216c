/// IAM's checks on documents it stores: identity policies (inline and managed) and trust policies.
enum PolicyValidator {
    enum Kind {
        case identity
        case trust
    }

    /// Managed policies may hold 6,144 characters not counting white space.
    static let managedPolicySizeLimit = 6144

    static func validate(_ text: String, as kind: Kind) throws(IAMError) -> PolicyDocument {
        let document: PolicyDocument
        do {
            document = try PolicyDocument(parsing: text)
        } catch {
            throw .malformedPolicy(error)
        }
        for statement in document.statements {
            switch kind {
            case .identity:
                if case .none = statement.principals {} else { throw .malformedPolicy(.principalNotAllowed) }
                if case .none = statement.resources { throw .malformedPolicy(.missingResources) }
            case .trust:
                if case .resource = statement.resources { throw .malformedPolicy(.prohibitedField("Resource")) }
                if case .notResource = statement.resources { throw .malformedPolicy(.prohibitedField("NotResource")) }
                if case .none = statement.principals { throw .malformedPolicy(.missingPrincipal) }
            }
            let actions: [String]
            switch statement.actions {
            case .action(let list), .notAction(let list): actions = list
            case .none: throw .malformedPolicy(.missingActions)
            }
            for action in actions where action != "*" {
                let parts = action.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw .malformedPolicy(.actionWithoutVendor)
                }
            }
        }
        return document
    }

    static func checkManagedSize(_ text: String) throws(IAMError) {
        let size = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        if size > managedPolicySizeLimit {
            throw .limitExceeded("Cannot exceed quota for PolicySize: \(managedPolicySizeLimit)")
        }
    }
}
