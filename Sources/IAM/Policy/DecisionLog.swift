import Synchronization

/// The most recent decisions, kept in memory so support engineers can ask why a request was
/// allowed or denied (`GET /_ebauth/decisions?requestId=…`).
///
/// A ring: once full, each new decision overwrites the oldest in place, so recording stays O(1)
/// per request (dropping the first element of a full array moved all 10,000 others every time).
public final class DecisionLog: Sendable {
    private let ring = Mutex(Ring())
    let capacity: Int

    struct Ring: ~Copyable {
        var slots: [Decision] = []
        /// Index of the oldest decision once `slots` is full.
        var start = 0

        /// Oldest first.
        var ordered: [Decision] { Array(slots[start...] + slots[..<start]) }
    }

    public init(capacity: Int = 10_000) {
        precondition(capacity > 0, "a DecisionLog keeps at least one decision")
        self.capacity = capacity
    }

    func record(_ decision: Decision) {
        let capacity = capacity
        ring.withLock { ring in
            if ring.slots.count < capacity {
                ring.slots.append(decision)
            } else {
                ring.slots[ring.start] = decision
                ring.start = (ring.start + 1) % capacity
            }
        }
    }

    /// Decisions of one request, in the order they were made.
    public func decisions(requestID: String) -> [Decision] {
        ring.withLock { $0.ordered.filter { $0.requestId == requestID } }
    }

    /// The latest `limit` decisions, newest first.
    public func recent(_ limit: Int) -> [Decision] {
        ring.withLock { Array($0.ordered.suffix(limit).reversed()) }
    }
}
