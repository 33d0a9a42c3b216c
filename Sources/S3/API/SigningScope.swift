import AWSCore
import HTTPServer

/// The region a request was signed for, read from its SigV4 credential scope (header or
/// presigned query). The router's `context.region` falls back to us-east-1 for unsigned and
/// SigV2 requests; S3's region rules need to tell those apart.
struct SigningScope {
    var region: String?
    var presigned: Bool

    init(_ request: AWSRequest) {
        let credential: Substring?
        if let authorization = request.http.headers["authorization"],
            let found = SigV4Credential.text(inAuthorization: authorization)
        {
            credential = found
            presigned = false
        } else {
            credential = request.parameters["X-Amz-Credential"].map { $0[...] }
            presigned = credential != nil
        }
        let parts = credential.map(SigV4Credential.scopeParts) ?? []
        region = parts.count == 5 ? String(parts[2]) : nil
    }
}
