import AWSCore

/// The members of PutObject, CopyObject and CreateMultipartUpload that become the object's
/// headers, bound as sent: CacheControl … BucketKeyEnabled, `Metadata` (`x-amz-meta-`), `ACL`
/// and the `Grant*` headers, and the features ebauth has not built (SSE-C, object lock).
struct ObjectHeaderMembers: Sendable {
    /// The stored headers present, in `ObjectHeaders.storedNames` order.
    var stored: [ObjectHeaders.Field]
    var Metadata: [ObjectHeaders.Field]
    var ACL: String?
    /// Whether any `x-amz-grant-*` header came.
    var grants: Bool
    /// The first header of `ObjectHeaders.unsupportedHeaders` that came, if any.
    var unsupported: String?

    init(_ request: RESTRequest) {
        stored = ObjectHeaders.storedNames.compactMap { name in
            request.header(name).map { ObjectHeaders.Field(name: name, value: $0) }
        }
        Metadata = request.headers(prefix: "x-amz-meta-").map { ObjectHeaders.Field(name: $0.name, value: $0.value) }
        ACL = request.header("x-amz-acl")
        grants = request.hasHeader(prefix: "x-amz-grant-")
        unsupported = ObjectHeaders.unsupportedHeaders.first { request.header($0) != nil }
    }

    /// A stored header member by its header name (`x-amz-server-side-encryption`).
    subscript(name: String) -> String? {
        stored.first { $0.name == name }?.value
    }
}

extension ObjectHeaders {
    /// What a PutObject, CopyObject (REPLACE) or CreateMultipartUpload request sets on the object.
    /// `aws-chunked` is a transfer detail, not the object's encoding, so it is dropped.
    init(request members: ObjectHeaderMembers) throws(S3Error) {
        if let name = members.unsupported { throw .notImplemented(header: name) }
        try Self.checkACL(members)
        var standard: [Field] = []
        for var field in members.stored {
            if field.name == "Content-Encoding" {
                field.value = field.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0.lowercased() != "aws-chunked" && !$0.isEmpty }.joined(separator: ",")
                if field.value.isEmpty { continue }
            }
            if field.name == "x-amz-server-side-encryption", !Self.encryptionMethods.contains(field.value) {
                throw .invalidArgument(
                    message: "The encryption method specified is not supported", name: "x-amz-server-side-encryption",
                    value: field.value)
            }
            standard.append(field)
        }
        if !standard.contains(where: { $0.name == "Content-Type" }) {
            standard.append(Field(name: "Content-Type", value: Self.defaultContentType))
        }
        if !standard.contains(where: { $0.name == "x-amz-server-side-encryption" }) {
            // Every new object is encrypted with SSE-S3 unless the request asks for KMS.
            standard.append(Field(name: "x-amz-server-side-encryption", value: "AES256"))
        }
        try Self.checkMetadataSize(members.Metadata)
        self.init(standard: standard, metadata: members.Metadata)
    }

    /// Features a write can ask for that ebauth has not built: customer-provided keys, object lock.
    static let unsupportedHeaders = [
        "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key",
        "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
    ]

    /// Buckets have ACLs disabled (Object Ownership "bucket owner enforced", S3's default since
    /// 2023): only the ACLs that grant nothing beyond ownership are accepted.
    static func checkACL(_ members: ObjectHeaderMembers) throws(S3Error) {
        if let acl = members.ACL, acl != "private" && acl != "bucket-owner-full-control" {
            throw .accessControlListNotSupported
        }
        if members.grants { throw .accessControlListNotSupported }
    }

    /// Headers every GET, HEAD, PUT and Copy answer repeats: encryption.
    var encryptionHeaders: [Field] {
        standard.filter { $0.name.hasPrefix("x-amz-server-side-encryption") }
    }
}

extension TagSet {
    /// The `x-amz-tagging` header: `k1=v1&k2=v2`, URL-encoded.
    init(urlEncoded text: String) {
        self.init(
            QueryItems(parsing: text, form: true).items.map { TagSet.Tag(key: $0.name, value: $0.value) })
    }
}
