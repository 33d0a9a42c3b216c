import HTTPServer

/// What a REST operation's input shape binds from, in the words of botocore's `location`s:
/// `uri` labels, `querystring`, `header`, `headers` (a prefix map) and the payload.
///
/// Reading never throws and never reads the body: shapes keep values as sent, and the model
/// checks them in the order AWS does (a bad header on a missing bucket is still NoSuchBucket).
public struct RESTRequest: Sendable {
    let request: AWSRequest

    public init(_ request: AWSRequest) {
        self.request = request
    }

    public var context: RequestContext { request.context }

    /// The path as sent, still percent-encoded.
    public var rawPath: String { request.http.path }

    /// A `location: uri` member. S3's labels, `Bucket` and `Key`, are what the router resolved
    /// from the host and path (virtual-hosted or path style), decoded once.
    public func uri(_ label: String) -> String? {
        switch label {
        case "Bucket": request.address?.bucket
        case "Key": request.address?.key
        default: nil
        }
    }

    /// The region a regional S3 host names (`s3.us-west-2.amazonaws.com`), if any.
    public var hostRegion: String? { request.address?.hostRegion }

    /// A `location: querystring` member.
    public func querystring(_ name: String) -> String? { request.parameters[name] }

    /// A `location: header` member: the first field of that name.
    public func header(_ name: String) -> String? { request.http.headers[name] }

    /// A `location: headers` member (`x-amz-meta-`): every field whose name starts with
    /// `prefix`, in arrival order, named without the prefix and in lower case.
    public func headers(prefix: String) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        for field in request.http.headers.fields where field.name.hasPrefixIgnoringASCIICase(prefix) {
            found.append((String(field.name.dropFirst(prefix.count)).lowercased(), field.value))
        }
        return found
    }

    /// Whether any field's name starts with `prefix`.
    public func hasHeader(prefix: String) -> Bool {
        request.http.headers.fields.contains { $0.name.hasPrefixIgnoringASCIICase(prefix) }
    }

    /// Trailing headers of an aws-chunked body (already verified by the router).
    public var trailers: [(name: String, value: String)] { request.trailers }

    /// The payload, unread: a stream for objects, or a document the model reads when it gets to it.
    public var payload: StreamingPayload { StreamingPayload(request.body) }
}

extension String {
    func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        let utf8 = self.utf8
        guard utf8.count >= prefix.utf8.count else { return false }
        for (x, y) in zip(utf8, prefix.utf8) where x != y {
            guard x | 0x20 == y | 0x20, (97...122).contains(x | 0x20) else { return false }
        }
        return true
    }
}
