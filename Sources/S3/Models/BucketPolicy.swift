import Foundation

/// The shape checks S3 makes on a bucket policy before storing it; evaluating it is IAM's job.
enum BucketPolicy {
    static let maxBytes = 20 * 1024

    static func validate(_ policy: String) throws(S3Error) {
        guard policy.utf8.count <= maxBytes else { throw .malformedPolicy(message: "Policies must be less than 20 KB") }
        let trimmed = policy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"),
            let document = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any]
        else {
            throw .malformedPolicy(message: "Policies must be valid JSON and the first byte must be '{'")
        }
        guard let statements = document["Statement"] else {
            throw .malformedPolicy(message: "Missing required field Statement")
        }
        let list = (statements as? [Any]) ?? [statements]
        guard !list.isEmpty else { throw .malformedPolicy(message: "Could not parse the policy: Statement is empty!") }
        for case let statement as [String: Any] in list {
            guard statement["Effect"] != nil else { throw .malformedPolicy(message: "Missing required field Effect") }
            guard statement["Principal"] != nil || statement["NotPrincipal"] != nil else {
                throw .malformedPolicy(message: "Missing required field Principal")
            }
            guard statement["Action"] != nil || statement["NotAction"] != nil else {
                throw .malformedPolicy(message: "Missing required field Action")
            }
        }
    }
}
