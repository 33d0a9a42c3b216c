import AWSCore

/// The members every bucket-addressed input has — `Bucket` (uri) and `ExpectedBucketOwner`
/// (`x-amz-expected-bucket-owner`) — and where the request was sent and signed, which S3's
/// region rule reads before anything else.
struct BucketAddress: Sendable {
    var Bucket: String
    var ExpectedBucketOwner: String?
    var scope: RegionScope

    init(_ request: RESTRequest) {
        Bucket = request.uri("Bucket") ?? ""
        ExpectedBucketOwner = request.header("x-amz-expected-bucket-owner")
        scope = RegionScope(request)
    }
}

/// The region a request was signed for, read from its SigV4 credential scope (header or
/// presigned query), and the region its host names. The router's `context.region` falls back
/// to us-east-1 for unsigned and SigV2 requests; S3's region rules need to tell those apart.
struct RegionScope: Sendable {
    var signedRegion: String?
    var presigned: Bool
    var hostRegion: String?

    init(_ request: RESTRequest) {
        let credential: Substring?
        if let authorization = request.header("authorization"),
            let found = SigV4Credential.text(inAuthorization: authorization)
        {
            credential = found
            presigned = false
        } else {
            credential = request.querystring("X-Amz-Credential").map { $0[...] }
            presigned = credential != nil
        }
        let parts = credential.map(SigV4Credential.scopeParts) ?? []
        signedRegion = parts.count == 5 ? String(parts[2]) : nil
        hostRegion = request.hostRegion
    }
}

extension RESTRequest {
    /// The `Key` label; empty when the path names none, which `ObjectKey.validate` refuses.
    var key: String { uri("Key") ?? "" }

    /// `ContentLength` as declared: `x-amz-decoded-content-length` for an aws-chunked body (whose
    /// Content-Length counts the framing), else Content-Length.
    var declaredLength: String? { header("x-amz-decoded-content-length") ?? header("content-length") }
}
