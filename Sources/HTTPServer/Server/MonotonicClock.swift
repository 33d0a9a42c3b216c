#if canImport(Glibc)
    import Glibc
#endif

/// Milliseconds on the monotonic clock: deadlines must not move when the wall clock does.
enum MonotonicClock {
    static func nowMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }
}
