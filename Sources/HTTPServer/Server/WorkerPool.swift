import Synchronization

/// Keeps `target` workers free to take requests while others wait on slow readers.
///
/// The pool is small on purpose: with more threads than cores, every request wakes a sleeping
/// thread and contention grows (on 2 cores, 32 workers served 16 connections at a third of the
/// rate 4 did). A worker about to wait for a client that is not reading its response asks for a
/// stand-in, so slow readers cannot take every worker; once the wait is over, workers beyond
/// the target retire after their request.
final class WorkerPool: Sendable {
    let target: Int
    let maximum: Int
    /// Starts one more worker thread (counted in `running` already).
    private let startWorker: @Sendable () -> Void

    private struct Counts {
        var running = 0
        var waitingOnPeers = 0
    }

    private let counts = Mutex(Counts())

    init(target: Int, maximum: Int, startWorker: @escaping @Sendable () -> Void) {
        self.target = target
        self.maximum = max(target, maximum)
        self.startWorker = startWorker
    }

    /// Starts the `target` workers.
    func start() {
        counts.withLock { $0.running = target }
        for _ in 0..<target { startWorker() }
    }

    /// Called by a worker before it blocks on a peer: starts a stand-in when fewer than `target`
    /// workers would be left free (and the pool is below its maximum).
    func willWaitOnPeer() {
        let standIn = counts.withLock { counts -> Bool in
            counts.waitingOnPeers += 1
            guard counts.running - counts.waitingOnPeers < target, counts.running < maximum else { return false }
            counts.running += 1
            return true
        }
        if standIn { startWorker() }
    }

    func didWaitOnPeer() {
        counts.withLock { $0.waitingOnPeers -= 1 }
    }

    /// True (and the worker is no longer counted) when more than `target` workers are free.
    func retireIfSurplus() -> Bool {
        counts.withLock { counts in
            guard counts.running - counts.waitingOnPeers > target else { return false }
            counts.running -= 1
            return true
        }
    }
}
