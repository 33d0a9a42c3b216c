import Synchronization

/// The most recent decisions, kept in memory so support engineers can ask why a request was
/// allowed or denied (`GET /_ebauth/decisions?requestId=…`).
public final class DecisionLog: Sendable {
    private let entries = Mutex<[Decision]>([])
    let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func record(_ decision: Decision) {
        entries.withLock { list in
            list.append(decision)
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// Decisions of one request, in the order they were made.
    public func decisions(requestID: String) -> [Decision] {
        entries.withLock { $0.filter { $0.requestId == requestID } }
    }

    /// The latest `limit` decisions, newest first.
    public func recent(_ limit: Int) -> [Decision] {
        entries.withLock { Array($0.suffix(limit).reversed()) }
    }
}
