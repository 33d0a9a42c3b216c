#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Errors from the blob store and its writers.
public enum BlobStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Not `sha256:` followed by 64 lowercase hex digits. Nothing touched the filesystem.
    case invalidDigest(String)
    /// `adopt(file:)` or `commit` was given a file outside the store's uploads directory.
    case notAnUpload(path: String)
    /// No `blob` row for this digest (release or add-reference of something never committed).
    case unknownBlob(digest: String)
    /// `commit`/`release` need the connection of an open `Database.write` transaction.
    case notInWriteTransaction
    /// The writer was already finished or aborted (or aborted itself after a failed write), or the
    /// reader was closed.
    case closed
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidDigest(let text):
            // Untrusted input: show a bounded, escaped excerpt.
            let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
            return "invalid blob digest \(shown.debugDescription): expected sha256: followed by 64 lowercase hex digits"
        case .notAnUpload(let path):
            return "\(path) is not a file in the blob store's uploads directory"
        case .unknownBlob(let digest):
            return "no blob \(digest) is stored"
        case .notInWriteTransaction:
            return "blob references must be changed inside Database.write, with its connection"
        case .closed:
            return "the blob writer or reader is already closed"
        case .io(let operation, let path, let code):
            return "\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
