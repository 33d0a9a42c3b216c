import Synchronization

/// Values read from the database, kept until the next committed write.
///
/// For lookups that run on every request but change only when something is written (which
/// registry serves a Host, a manifest by tag, a parameter by name): any committed write empties
/// the cache, so a reader never sees data older than the last write that returned. The
/// generation is read before the data, so a value loaded while a write commits is filed under
/// the older generation and never served after it.
public final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var generation: UInt64 = 0
        var values: [Key: Value] = [:]
    }

    private let database: Database
    private let limit: Int
    private let entries = Mutex(Entries())

    /// - Parameter limit: entries kept at most; the cache is emptied when it is full.
    public init(database: Database, limit: Int = 1024) {
        self.database = database
        self.limit = limit
    }

    /// The cached value for `key`, or `load()`'s (which is cached unless it throws).
    public func value(for key: Key, load: () throws -> Value) rethrows -> Value {
        let generation = database.generation
        if let hit = entries.withLock({ $0.generation == generation ? $0.values[key] : nil }) { return hit }
        let value = try load()
        entries.withLock { entries in
            if entries.generation != generation {
                guard generation > entries.generation else { return }
                entries = Entries(generation: generation)
            }
            if entries.values.count >= limit { entries.values.removeAll(keepingCapacity: true) }
            entries.values[key] = value
        }
        return value
    }
}
