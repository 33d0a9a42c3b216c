/// The XML request bodies S3 takes, reachable from outside the module so the fuzz harness (Fuzz/)
/// drives exactly the parsing the routes use. Says only whether S3 would accept the bytes.
public enum S3RequestBody: CaseIterable, Sendable {
    case createBucketConfiguration
    case tagging
    case versioningConfiguration
    case delete
    case completeMultipartUpload

    public func accepts(_ bytes: [UInt8]) -> Bool {
        do {
            switch self {
            case .createBucketConfiguration: _ = try RequestDocuments.locationConstraint(bytes)
            case .tagging: _ = try RequestDocuments.tagging(bytes)
            case .versioningConfiguration: _ = try RequestDocuments.versioning(bytes)
            case .delete: _ = try RequestDocuments.delete(bytes)
            case .completeMultipartUpload: _ = try RequestDocuments.completeMultipartUpload(bytes)
            }
            return true
        } catch {
            return false
        }
    }
}
