/// What a PUT (or CreateMultipartUpload) sets on an object and GET/HEAD give back: the standard
/// representation headers, server-side encryption, and user metadata (`x-amz-meta-*`).
struct ObjectHeaders: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Standard headers, names in canonical case (`Content-Type`, `Cache-Control`, ...).
    var standard: [Field]
    /// User metadata; names lower-cased and without the `x-amz-meta-` prefix.
    var metadata: [Field]

    /// Headers S3 stores from a PUT and returns on GET, in the order it returns them.
    static let storedNames = [
        "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Type", "Expires",
        "x-amz-website-redirect-location", "x-amz-server-side-encryption",
        "x-amz-server-side-encryption-aws-kms-key-id",
        "x-amz-server-side-encryption-bucket-key-enabled",
    ]
    /// Overridable on GET with `response-<lower-cased name>` query parameters.
    static let overridable = [
        "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Type", "Expires",
    ]
    static let defaultContentType = "binary/octet-stream"
    static let maxMetadataBytes = 2048
    static let encryptionMethods: Set<String> = ["AES256", "aws:kms", "aws:kms:dsse"]

    init(standard: [Field] = [], metadata: [Field] = []) {
        self.standard = standard
        self.metadata = metadata
    }

    subscript(name: String) -> String? {
        standard.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// User metadata is limited to 2 KB: the UTF-8 bytes of every name and value.
    static func checkMetadataSize(_ metadata: [Field]) throws(S3Error) {
        let size = metadata.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        guard size <= maxMetadataBytes else { throw .metadataTooLarge(size: size) }
    }
}

/// The storage classes S3 accepts in `x-amz-storage-class`.
enum StorageClass {
    static let standard = "STANDARD"
    static let valid: Set<String> = [
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE",
        "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP",
    ]

    static func validate(_ value: String?) throws(S3Error) -> String {
        guard let value else { return standard }
        guard valid.contains(value) else { throw .invalidStorageClass }
        return value
    }
}
