/// Tags on a bucket or an object, in the order they were given.
struct TagSet: Sendable, Equatable {
    struct Tag: Sendable, Equatable {
        var key: String
        var value: String
    }

    var tags: [Tag]

    init(_ tags: [Tag] = []) {
        self.tags = tags
    }

    var isEmpty: Bool { tags.isEmpty }

    static let maxBucketTags = 50
    static let maxObjectTags = 10

    /// S3's tag rules: keys 1-128 characters, values up to 256, no duplicate keys, no `aws:` keys.
    func validate(forObject: Bool) throws(S3Error) {
        if forObject && tags.count > Self.maxObjectTags { throw .tooManyObjectTags }
        if !forObject && tags.count > Self.maxBucketTags {
            throw .invalidTag(message: "Bucket tag count cannot be greater than 50")
        }
        var seen = Set<[UInt8]>()
        for tag in tags {
            guard !tag.key.isEmpty, tag.key.unicodeScalars.count <= 128 else {
                throw .invalidTag(message: "The TagKey you have provided is invalid")
            }
            guard tag.value.unicodeScalars.count <= 256 else {
                throw .invalidTag(message: "The TagValue you have provided is invalid")
            }
            guard !tag.key.lowercased().hasPrefix("aws:") else {
                throw .invalidTag(message: "System tags cannot be added/updated by requester")
            }
            guard seen.insert(Array(tag.key.utf8)).inserted else {
                throw .invalidTag(message: "Cannot provide multiple Tags with the same key")
            }
        }
    }
}
