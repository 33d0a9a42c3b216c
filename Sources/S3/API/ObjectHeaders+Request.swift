import AWSCore
import HTTPServer

extension ObjectHeaders {
    /// What a PutObject, CopyObject (REPLACE) or CreateMultipartUpload request sets on the object.
    /// `aws-chunked` is a transfer detail, not the object's encoding, so it is dropped.
    init(request headers: HTTPHeaders) throws(S3Error) {
        for name in Self.unsupportedHeaders where headers.contains(name) {
            throw .notImplemented(header: name)
        }
        try Self.checkACL(headers)
        var standard: [Field] = []
        for name in Self.storedNames {
            guard var value = headers[name] else { continue }
            if name == "Content-Encoding" {
                value = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0.lowercased() != "aws-chunked" && !$0.isEmpty }.joined(separator: ",")
                if value.isEmpty { continue }
            }
            if name == "x-amz-server-side-encryption", !Self.encryptionMethods.contains(value) {
                throw .invalidArgument(
                    message: "The encryption method specified is not supported", name: "x-amz-server-side-encryption",
                    value: value)
            }
            standard.append(Field(name: name, value: value))
        }
        if !standard.contains(where: { $0.name == "Content-Type" }) {
            standard.append(Field(name: "Content-Type", value: Self.defaultContentType))
        }
        if !standard.contains(where: { $0.name == "x-amz-server-side-encryption" }) {
            // Every new object is encrypted with SSE-S3 unless the request asks for KMS.
            standard.append(Field(name: "x-amz-server-side-encryption", value: "AES256"))
        }
        let metadata = headers.fields.compactMap { field -> Field? in
            let lower = field.name.lowercased()
            guard lower.hasPrefix("x-amz-meta-") else { return nil }
            return Field(name: String(lower.dropFirst("x-amz-meta-".count)), value: field.value)
        }
        try Self.checkMetadataSize(metadata)
        self.init(standard: standard, metadata: metadata)
    }

    /// Features a write can ask for that ebauth has not built: customer-provided keys, object lock.
    static let unsupportedHeaders = [
        "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key",
        "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
    ]

    /// Buckets have ACLs disabled (Object Ownership "bucket owner enforced", S3's default since
    /// 2023): only the ACLs that grant nothing beyond ownership are accepted.
    static func checkACL(_ headers: HTTPHeaders) throws(S3Error) {
        if let acl = headers["x-amz-acl"], acl != "private" && acl != "bucket-owner-full-control" {
            throw .accessControlListNotSupported
        }
        if headers.fields.contains(where: { $0.name.lowercased().hasPrefix("x-amz-grant-") }) {
            throw .accessControlListNotSupported
        }
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
