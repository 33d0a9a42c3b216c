/// The wire protocols ebauth speaks; each renders errors and request ids its own way.
public enum AWSProtocol: String, Sendable {
    /// `X-Amz-Target` + `application/x-amz-json-1.1` (SSM, ECR, KMS, Secrets Manager).
    case json11
    /// REST with XML bodies (S3).
    case restXML
    /// `Action=…&Version=…` form posts with XML answers (IAM, STS).
    case query

    init(_ wire: AWSServiceDescription.WireProtocol) {
        switch wire {
        case .json11: self = .json11
        case .restXML: self = .restXML
        case .query, .ec2: self = .query
        }
    }
}
