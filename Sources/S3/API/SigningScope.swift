import AWSCore
import HTTPServer

/// The region a request was signed for, read from its SigV4 credential scope (header or
/// presigned query). The router's `context.region` falls back to us-east-1 for unsigned and
/// SigV2 requests; S3's region rules need to tell those apart.
struct SigningScope {
    var region: String?
    var presigned: Bool

    init(_ request: AWSRequest) {
        let credential: String?
        if let authorization = request.http.headers["authorization"], let range = authorization.range(of: "Credential=") {
            credential = String(authorization[range.upperBound...].prefix { $0 != "," && $0 != " " })
            presigned = false
        } else {
            credential = request.parameters["X-Amz-Credential"]
            presigned = credential != nil
        }
        let parts = credential?.split(separator: "/") ?? []
        region = parts.count == 5 ? String(parts[2]) : nil
    }
}
