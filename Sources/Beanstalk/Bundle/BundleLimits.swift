/// Bounds on what a source bundle may hold. Every limit is checked before anything is written
/// (declared sizes) and again while bytes are written (actual sizes), so an archive that lies
/// about its sizes still stops at the limit.
public struct BundleLimits: Sendable, Equatable {
    /// Size of the .zip file itself. Elastic Beanstalk refuses source bundles over 500 MB
    /// (EB developer guide, "Create an application source bundle").
    public var maxArchiveSize: UInt64
    /// Uncompressed size of any one file.
    public var maxEntrySize: UInt64
    /// Uncompressed size of all files together.
    public var maxTotalSize: UInt64
    /// Number of entries (files, folders and links).
    public var maxEntries: Int

    public init(
        maxArchiveSize: UInt64 = 500 * 1_000_000,
        maxEntrySize: UInt64 = 512 * 1024 * 1024,
        maxTotalSize: UInt64 = 2 * 1024 * 1024 * 1024,
        maxEntries: Int = 100_000
    ) {
        self.maxArchiveSize = maxArchiveSize
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxEntries = maxEntries
    }

    public static let `default` = BundleLimits()
}
