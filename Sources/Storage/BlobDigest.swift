/// A validated content digest: `sha256:` followed by 64 lowercase hex digits.
///
/// Every path the blob store builds comes from a `BlobDigest`, so no string from a request can
/// name a file outside `blobs/sha256/` (no `..`, slashes, NULs or uppercase aliases).
public struct BlobDigest: Sendable, Hashable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// Parses `sha256:<64 lowercase hex>`; throws `BlobStoreError.invalidDigest` otherwise.
    public init(_ string: String) throws {
        let prefix = "sha256:"
        guard string.utf8.count == prefix.utf8.count + 64, string.hasPrefix(prefix) else {
            throw BlobStoreError.invalidDigest(string)
        }
        let hex = String(string.utf8.dropFirst(prefix.utf8.count))!
        guard BlobDigest.isLowercaseHex64(hex) else { throw BlobStoreError.invalidDigest(string) }
        self.hex = hex
    }

    /// Builds a digest from its 64 lowercase hex digits.
    public init(hex: String) throws {
        guard BlobDigest.isLowercaseHex64(hex) else { throw BlobStoreError.invalidDigest(hex) }
        self.hex = hex
    }

    /// `sha256:<hex>`, the form stored in the `blob` table.
    public var string: String { "sha256:" + hex }

    public var description: String { string }

    static func isLowercaseHex64(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
