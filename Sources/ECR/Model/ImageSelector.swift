import Registry

/// An `ImageIdentifier` as a request gives it: a tag, a digest, or both (which must agree).
struct ImageSelector: Sendable, Equatable {
    var digest: String?
    var tag: String?

    init(_ identifier: ImageIdentifier) {
        digest = identifier.imageDigest
        tag = identifier.imageTag
    }

    init(digest: String?, tag: String?) {
        self.digest = digest
        self.tag = tag
    }

    /// As ECR prints an image id in messages: `{imageDigest:'null', imageTag:'latest'}`.
    var text: String {
        "{imageDigest:'\(digest ?? "null")', imageTag:'\(tag ?? "null")'}"
    }

    /// Why an identifier cannot name an image at all, as a batch `failures` entry has it
    /// (`MissingDigestAndTag` wording as moto records it; the others unverified).
    var malformation: (code: String, reason: String)? {
        if digest == nil && tag == nil {
            return ("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null")
        }
        if let digest, !Digest.isValid(digest) {
            return (
                "InvalidImageDigest",
                "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"
            )
        }
        if let tag, !Tag.isValid(tag, flavor: .ecr) {
            return (
                "InvalidImageTag",
                "Invalid request parameters: image tag should satisfy the regex '[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,299}'"
            )
        }
        return nil
    }
}
