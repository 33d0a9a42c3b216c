import CSystemShims

/// Process-wide allocator settings for a server that moves large bodies through 1 MiB buffers
/// on many threads: without them glibc keeps freed buffers in per-thread heaps, and resident
/// memory stays at its high-water mark after a burst of parallel uploads.
public enum MemoryTuning {
    public static func returnLargeBuffersToTheSystem() {
        ebauth_tune_malloc()
    }
}
