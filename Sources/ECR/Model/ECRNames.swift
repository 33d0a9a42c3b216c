import Registry

/// The input rules of ECR's model (`ecr/2015-09-21`) that every operation shares, with the
/// wording ECR uses when they fail.
enum ECRNames {
    /// Recorded from CreateRepository with an invalid name (quoted by a public test that
    /// captured it from AWS). Other operations are assumed to answer the same (unverified).
    static let repositoryNamePattern = #"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*"#

    static func checkRepositoryName(_ name: String) throws(ECRError) {
        guard name.utf8.count >= 2, RepositoryName.isValid(name) else {
            throw .invalidParameter(
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '\(repositoryNamePattern)''"
            )
        }
    }

    /// `registryId`: twelve digits.
    static func checkRegistryID(_ id: String) throws(ECRError) {
        guard id.utf8.count == 12, id.utf8.allSatisfy({ (48...57).contains($0) }) else {
            // Unverified wording, shaped like the repositoryName message.
            throw .invalidParameter(
                "Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular expression '[0-9]{12}''"
            )
        }
    }

    /// `maxResults`: 1 to 1000 (model); AWS's "1 validation error" wording.
    static func checkMaxResults(_ value: Int?) throws(ECRError) {
        guard let value else { return }
        if value < 1 {
            throw .validation(
                "1 validation error detected: Value '\(value)' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )
        }
        if value > 1000 {
            throw .validation(
                "1 validation error detected: Value '\(value)' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
            )
        }
    }

    /// `imageIds` and `layerDigests` carry 1 to 100 entries.
    static func checkBatch(_ count: Int, member: String) throws(ECRError) {
        if count < 1 || count > 100 {
            throw .validation(
                "1 validation error detected: Value at '\(member)' failed to satisfy constraint: Member must have length \(count < 1 ? "greater than or equal to 1" : "less than or equal to 100")"
            )
        }
    }
}
