import S3

/// S3's XML request bodies (CreateBucketConfiguration, Tagging, VersioningConfiguration, Delete,
/// CompleteMultipartUpload) through the parser with its DOCTYPE/entity/encoding pre-checks.
/// Invariant: a body that declares an entity is never accepted.
enum S3XMLTarget {
    static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        let body = S3RequestBody.allCases[Int(input.selector) % S3RequestBody.allCases.count]
        let accepted = body.accepts(input.body)
        if accepted, body != .createBucketConfiguration || input.body.contains(where: { $0 > 0x20 }) {
            let text = String(decoding: input.body, as: UTF8.self)
            FuzzCheck.require(!text.contains("<!ENTITY") && !text.contains("<!DOCTYPE"), "a DTD was accepted")
        }
    }
}
