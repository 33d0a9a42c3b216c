/// Why a source bundle could not be opened or staged. Messages name the offending entry so a
/// support engineer can find it in the customer's archive; none of them quotes file contents.
public enum BundleError: Error, Equatable, Sendable, CustomStringConvertible {
    case sourceNotFound(path: String)
    case notAZipArchive(path: String)
    case corruptArchive(reason: String)
    case multiDiskArchive
    case archiveTooLarge(size: UInt64, limit: UInt64)
    case tooManyEntries(count: Int, limit: Int)
    case invalidEntryName(entry: String)
    case absolutePath(entry: String)
    case parentTraversal(entry: String)
    case duplicateEntry(path: String)
    case conflictingEntry(path: String, file: String)
    case entryInsideSymlink(entry: String, link: String)
    case symlinkEscapes(entry: String, target: String)
    case symlinkLoop(entry: String)
    case unsupportedEntryType(entry: String)
    case encryptedEntry(entry: String)
    case unsupportedCompression(entry: String, method: UInt16)
    case entryTooLarge(entry: String, limit: UInt64)
    case bundleTooLarge(limit: UInt64)
    case checksumMismatch(entry: String)
    case sizeMismatch(entry: String, declared: UInt64, actual: UInt64)
    case stagingDirectoryNotEmpty(path: String)
    case io(path: String, reason: String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .sourceNotFound(let path):
            "The source bundle \(path) does not exist."
        case .notAZipArchive(let path):
            "The source bundle \(path) is not a ZIP archive (no end of central directory record)."
        case .corruptArchive(let reason):
            "The source bundle is a damaged ZIP archive: \(reason)."
        case .multiDiskArchive:
            "The source bundle is a multi-part (spanned) ZIP archive, which cannot be extracted."
        case .archiveTooLarge(let size, let limit):
            "The source bundle is \(size) bytes, over the limit of \(limit) bytes."
        case .tooManyEntries(let count, let limit):
            "The source bundle has \(count) entries, over the limit of \(limit)."
        case .invalidEntryName(let entry):
            "The source bundle has an entry with an invalid name: \(entry.debugDescription)."
        case .absolutePath(let entry):
            "The source bundle entry '\(entry)' has an absolute path; entries must be relative to the bundle root."
        case .parentTraversal(let entry):
            "The source bundle entry '\(entry)' contains '..' and would be written outside the bundle."
        case .duplicateEntry(let path):
            "The source bundle contains '\(path)' more than once."
        case .conflictingEntry(let path, let file):
            "The source bundle entry '\(path)' needs '\(file)' to be a folder, but '\(file)' is a file."
        case .entryInsideSymlink(let entry, let link):
            "The source bundle entry '\(entry)' lies inside '\(link)', which is a symbolic link."
        case .symlinkEscapes(let entry, let target):
            "The source bundle entry '\(entry)' is a symbolic link to '\(target)', which is outside the bundle."
        case .symlinkLoop(let entry):
            "The source bundle entry '\(entry)' is a symbolic link that never resolves (too many levels of links)."
        case .unsupportedEntryType(let entry):
            "The source bundle entry '\(entry)' is not a file, folder or symbolic link."
        case .encryptedEntry(let entry):
            "The source bundle entry '\(entry)' is encrypted; source bundles cannot be password-protected."
        case .unsupportedCompression(let entry, let method):
            "The source bundle entry '\(entry)' uses compression method \(method); only stored (0) and deflate (8) are supported."
        case .entryTooLarge(let entry, let limit):
            "The source bundle entry '\(entry)' is larger than the limit of \(limit) bytes."
        case .bundleTooLarge(let limit):
            "The source bundle's files add up to more than the limit of \(limit) bytes."
        case .checksumMismatch(let entry):
            "The source bundle entry '\(entry)' is damaged (CRC-32 mismatch)."
        case .sizeMismatch(let entry, let declared, let actual):
            "The source bundle entry '\(entry)' declares \(declared) bytes but holds \(actual)."
        case .stagingDirectoryNotEmpty(let path):
            "The staging directory \(path) is not empty."
        case .io(let path, let reason):
            "Could not stage the source bundle at \(path): \(reason)."
        }
    }
}
