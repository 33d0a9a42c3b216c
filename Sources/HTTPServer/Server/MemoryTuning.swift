import CSystemShims

/// Process-wide allocator settings for a server that moves large bodies through 1 MiB buffers
/// on many threads: without them glibc keeps freed buffers in per-thread heaps, and resident
/// memory stays at its high-water mark after a burst of parallel uploads.
public enum MemoryTuning {
    public static func returnLargeBuffersToTheSystem() {
        ebauth_tune_malloc()
    }

    /// Drops the executable's code pages that start-up touched (Foundation and runtime set-up,
    /// argument parsing, migrations): clean file pages that otherwise stay counted in the
    /// resident set for the life of the server. Code that serving uses comes back from the page
    /// cache on first use. Returns the bytes released.
    @discardableResult
    public static func releaseStartUpCode() -> Int {
        max(0, ebauth_release_executable_code())
    }
}
