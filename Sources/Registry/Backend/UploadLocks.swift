import Foundation

/// Serialises requests on one upload (two PATCHes to the same upload must not interleave their
/// bytes) while uploads of different blobs — skopeo pushes layers in parallel — run freely.
final class UploadLocks: Sendable {
    private let condition = NSCondition()
    nonisolated(unsafe) private var busy: Set<String> = []  // guarded by condition

    func withLock<T>(_ id: String, _ body: () throws -> T) rethrows -> T {
        condition.lock()
        while busy.contains(id) { condition.wait() }
        busy.insert(id)
        condition.unlock()
        defer {
            condition.lock()
            busy.remove(id)
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
