/// Secrets Manager's rules for names and other inputs (API reference, CreateSecret).
enum SecretRules {
    static let nameAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_+=.@-")
    static let maxValueBytes = 65_536
    static let currentStage = "AWSCURRENT"
    static let previousStage = "AWSPREVIOUS"

    static func checkName(_ name: String) throws(SecretsManagerError) {
        guard !name.isEmpty, name.count <= 512, name.allSatisfy({ nameAllowed.contains($0) }) else {
            throw .invalidParameter(
                "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
            )
        }
    }

    /// A client request token becomes the version id: 32 to 64 characters.
    static func checkToken(_ token: String) throws(SecretsManagerError) {
        guard (32...64).contains(token.count) else {
            let bound = token.count < 32 ? "greater than or equal to 32" : "less than or equal to 64"
            throw .validation(
                "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length \(bound)"
            )
        }
    }
}
