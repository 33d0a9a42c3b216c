/// Names the S3 REST operation that botocore (and SDKs built from the same model) would have used to
/// produce an HTTP request. Driven by the model's `requestUri`s in `S3OperationMatcher.operations`.
///
/// A candidate operation must have the request's method and path shape, every query key of its
/// `requestUri` (with the value the URI fixes, e.g. `list-type=2`), every query and header member the
/// model marks required (`uploadId`, `partNumber`, `x-amz-copy-source`, ...), an `x-id` equal to its name
/// when the request sends one, and no sub-resource key (a key some other `requestUri` carries, such as
/// `?acl`) that its own `requestUri` lacks. Among candidates the most specific wins: most required
/// keys and headers, then most optional query members recognised, then not deprecated, then
/// `preferredOnTie`. Other unknown query keys are ignored, as S3 does.
public enum S3OperationMatcher {
    /// One S3 operation as modelled: used for matching and exposed so the server can report it.
    public struct OperationSpec: Sendable, Hashable {
        /// The path part of `requestUri`, with addressing (path-style or virtual-hosted) resolved.
        public enum PathShape: Sendable, Hashable {
            /// `/` — no bucket (ListBuckets).
            case serviceRoot
            /// `/{Bucket}` — a bucket and no key.
            case bucket
            /// `/{Bucket}/{Key+}` — a bucket and a non-empty key.
            case object
            /// A fixed first segment such as `/WriteGetObjectResponse` (arrives where a bucket would).
            case literal(String)
            /// A template this matcher does not understand; never matches.
            case unsupported
        }

        /// A query key written into `requestUri`, with the value it fixes (nil for `?uploads`).
        public struct URIQueryItem: Sendable, Hashable {
            public let name: String
            public let value: String?
        }

        public let name: String
        public let method: String
        /// Exactly as in the model, e.g. `"/{Bucket}?list-type=2"`.
        public let requestUri: String
        public let path: PathShape
        public let uriQuery: [URIQueryItem]
        /// Query members the model requires, e.g. `["partNumber", "uploadId"]` for UploadPart.
        public let requiredQuery: [String]
        /// Lower-cased header members the model requires, e.g. `["x-amz-copy-source"]` for CopyObject.
        public let requiredHeaders: [String]
        /// Query members the model allows but does not require (used only to break ties).
        public let optionalQuery: [String]
        public let deprecated: Bool

        public init(
            _ name: String, _ method: String, _ requestUri: String, requiredQuery: [String] = [],
            requiredHeaders: [String] = [], optionalQuery: [String] = [], deprecated: Bool = false
        ) {
            self.name = name
            self.method = method
            self.requestUri = requestUri
            let parts = requestUri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            self.path = Self.pathShape(String(parts[0]))
            self.uriQuery =
                parts.count < 2
                ? []
                : parts[1].split(separator: "&").map { pair in
                    let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return URIQueryItem(name: String(kv[0]), value: kv.count > 1 ? String(kv[1]) : nil)
                }
            self.requiredQuery = requiredQuery
            self.requiredHeaders = requiredHeaders
            self.optionalQuery = optionalQuery
            self.deprecated = deprecated
        }

        /// How many things a request must carry to be this operation: more means more specific.
        public var specificity: Int { uriQuery.count + requiredQuery.count + requiredHeaders.count }

        private static func pathShape(_ template: String) -> PathShape {
            switch template {
            case "/": return .serviceRoot
            case "/{Bucket}": return .bucket
            case "/{Bucket}/{Key+}": return .object
            default:
                let segment = template.dropFirst()
                let plain =
                    template.hasPrefix("/") && !segment.isEmpty
                    && !segment.contains(where: { "/{}".contains($0) })
                return plain ? .literal(String(segment)) : .unsupported
            }
        }

        func pathMatches(bucket: String?, key: String?) -> Bool {
            switch path {
            case .serviceRoot: bucket == nil && key == nil
            case .bucket: bucket != nil && key == nil
            case .object: bucket != nil && key != nil
            case .literal(let segment): bucket == segment && key == nil
            case .unsupported: false
            }
        }
    }

    /// Query keys that select a sub-resource in some `requestUri` (`acl`, `tagging`, `uploads`, ...).
    /// A request carrying one can only be an operation whose `requestUri` has it.
    public static let subresourceKeys: Set<String> = Set(operations.flatMap { $0.uriQuery.map(\.name) })

    /// Wins a tie that nothing in the request can break: ListBuckets and ListDirectoryBuckets are
    /// both `GET /`; the latter is only served by S3 Express endpoints.
    public static let preferredOnTie: Set<String> = ["ListBuckets"]

    /// The operation name for a request, or nil when no S3 operation produces it (e.g. a browser
    /// form upload `POST /{Bucket}`, which is not in botocore's model).
    /// - Parameters:
    ///   - method: HTTP method, any case.
    ///   - bucket: the bucket from the host or first path segment; nil or empty for `/`.
    ///   - key: the decoded object key; nil or empty when the request names only a bucket.
    ///   - query: decoded query items in order; a bare `?uploads` is `("uploads", "")`.
    ///   - headers: request headers; names are compared case-insensitively, values are not used.
    public static func operationName(
        method: String, bucket: String?, key: String?,
        query: [(name: String, value: String)], headers: [(name: String, value: String)] = []
    ) -> String? {
        match(method: method, bucket: bucket, key: key, query: query, headers: headers)?.name
    }

    /// Like `operationName`, returning the whole modelled operation.
    public static func match(
        method: String, bucket: String?, key: String?,
        query: [(name: String, value: String)], headers: [(name: String, value: String)] = []
    ) -> OperationSpec? {
        let method = method.uppercased()
        let bucket = bucket?.isEmpty == false ? bucket : nil
        let key = key?.isEmpty == false ? key : nil
        var values: [String: String] = [:]
        for item in query where values[item.name] == nil { values[item.name] = item.value }
        let headerNames = Set(headers.map { $0.name.lowercased() })
        let requestSubresources = Set(values.keys).intersection(subresourceKeys)

        var best: (spec: OperationSpec, rank: [Int])?
        for spec in operations where spec.method == method && spec.pathMatches(bucket: bucket, key: key) {
            guard
                spec.uriQuery.allSatisfy({ item in
                    values[item.name].map { item.value == nil || item.value == $0 } ?? false
                }),
                spec.requiredQuery.allSatisfy({ values[$0] != nil }),
                spec.requiredHeaders.allSatisfy(headerNames.contains),
                values["x-id"].map({ $0 == spec.name }) ?? true,
                requestSubresources.isSubset(of: spec.uriQuery.map(\.name))
            else { continue }
            let rank = [
                spec.specificity,
                spec.optionalQuery.filter { values[$0] != nil }.count,
                spec.deprecated ? 0 : 1,
                preferredOnTie.contains(spec.name) ? 1 : 0,
            ]
            // Strictly greater only: on a full tie the first operation in (sorted) model order stays.
            if best.map({ $0.rank.lexicographicallyPrecedes(rank) }) ?? true {
                best = (spec, rank)
            }
        }
        return best?.spec
    }
}
