/// Conditional writes (PutObject, CompleteMultipartUpload, CopyObject destination):
/// `If-None-Match: *` refuses to overwrite, `If-Match: <etag>` refuses to write over anything else.
struct WriteConditions: Sendable {
    var ifMatch: String?
    var ifNoneMatch: String?

    func validate() throws(S3Error) {
        if let ifNoneMatch, ifNoneMatch.trimmingCharacters(in: .whitespaces) != "*" {
            throw .notImplemented(header: "If-None-Match")
        }
    }

    func check(existing: StoredObject?, key: String) throws(S3Error) {
        if ifNoneMatch != nil, existing != nil { throw .preconditionFailed(condition: "If-None-Match") }
        if let ifMatch {
            guard let existing else { throw .noSuchKey(key: key) }
            guard ETag.list(ifMatch, matches: existing.etag) else { throw .preconditionFailed(condition: "If-Match") }
        }
    }
}
