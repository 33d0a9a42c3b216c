import Foundation
import IAM

/// The shape checks S3 makes on a bucket policy before storing it; evaluating it is IAM's job.
enum BucketPolicy {
    static let maxBytes = 20 * 1024

    static func validate(_ policy: String) throws(S3Error) {
        guard policy.utf8.count <= maxBytes else { throw .malformedPolicy(message: "Policies must be less than 20 KB") }
        let trimmed = policy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), let shape = try? PolicyShape(parsing: trimmed) else {
            throw .malformedPolicy(message: "Policies must be valid JSON and the first byte must be '{'")
        }
        // S3 names the first of these; a Statement or statement of another JSON type, or an Effect
        // other than Allow or Deny, it lets through.
        for finding in shape.findings {
            switch finding {
            case .missingStatement: throw .malformedPolicy(message: "Missing required field Statement")
            case .emptyStatement: throw .malformedPolicy(message: "Could not parse the policy: Statement is empty!")
            case .missingEffect: throw .malformedPolicy(message: "Missing required field Effect")
            case .missingPrincipal: throw .malformedPolicy(message: "Missing required field Principal")
            case .missingAction: throw .malformedPolicy(message: "Missing required field Action")
            case .invalidJSON, .notAnObject, .malformedStatement, .statementNotAnObject, .invalidEffect: continue
            }
        }
    }
}
