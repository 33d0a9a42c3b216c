/// The bucket and key a request names, from virtual-hosted-style (`bucket.s3.region.amazonaws.com`,
/// `bucket.localhost:4566`) or path-style (`/bucket/key`) addressing.
public struct S3Address: Sendable, Equatable {
    public var bucket: String?
    public var key: String?
    /// The region a regional S3 host names (`s3.us-west-2.amazonaws.com`), if any.
    public var hostRegion: String?

    public init(bucket: String?, key: String?, hostRegion: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.hostRegion = hostRegion
    }

    public static func resolve(host: String?, rawPath: String) -> S3Address {
        let hostName = (host ?? "").split(separator: ":").first.map { String($0).lowercased() } ?? ""
        let (virtualBucket, region) = bucketFromHost(hostName)
        // Keys are taken from the raw path and decoded once: "a%2Fb" is the key "a/b".
        let path = rawPath.hasPrefix("/") ? String(rawPath.dropFirst()) : rawPath
        if let virtualBucket {
            return S3Address(
                bucket: virtualBucket, key: path.isEmpty ? nil : URIEncoding.decode(path), hostRegion: region)
        }
        guard !path.isEmpty else { return S3Address(bucket: nil, key: nil, hostRegion: region) }
        if let slash = path.firstIndex(of: "/") {
            let key = String(path[path.index(after: slash)...])
            return S3Address(
                bucket: URIEncoding.decode(path[..<slash]), key: key.isEmpty ? nil : URIEncoding.decode(key),
                hostRegion: region)
        }
        return S3Address(bucket: URIEncoding.decode(path), key: nil, hostRegion: region)
    }

    /// `b.s3.amazonaws.com`, `b.s3.us-east-2.amazonaws.com`, `b.s3-us-west-2.amazonaws.com`,
    /// `b.s3.localhost.localstack.cloud`, `b.localhost`, `b.s3.localhost`.
    static func bucketFromHost(_ host: String) -> (bucket: String?, region: String?) {
        if host.hasSuffix(".amazonaws.com") {
            let labels = host.split(separator: ".").map(String.init)
            guard let s3Index = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }) else {
                return (nil, nil)
            }
            var region: String?
            if labels[s3Index].hasPrefix("s3-") {
                region = String(labels[s3Index].dropFirst(3))
            } else if s3Index + 1 < labels.count - 2 {
                region = labels[s3Index + 1]
            }
            let bucket = s3Index > 0 ? labels[..<s3Index].joined(separator: ".") : nil
            return (bucket, region)
        }
        for suffix in [".s3.localhost.localstack.cloud", ".s3.localhost", ".localhost"] where host.hasSuffix(suffix) {
            let bucket = String(host.dropLast(suffix.count))
            return (bucket.isEmpty || bucket == "s3" ? nil : bucket, nil)
        }
        return (nil, nil)
    }
}
