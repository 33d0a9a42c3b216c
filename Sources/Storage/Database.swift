import CSQLite
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place that owns the SQLite connections to the state file.
///
/// WAL mode lets readers run against the last committed snapshot while a writer holds its
/// transaction. There is exactly one writer connection, guarded by a lock (SQLite allows one
/// writer at a time anyway, and serialising here avoids SQLITE_BUSY inside the process), and a
/// small pool of read-only connections. Calls block the calling thread; there is no async here
/// because the server runs requests on POSIX threads.
///
/// `@unchecked Sendable`: the connections are not thread-safe themselves; the writer is only
/// touched while `writeLock` is held and a reader only while checked out of `idleReaders`.
public final class Database: @unchecked Sendable {
    /// Path of the database file.
    public let path: String

    private let writer: Connection
    private let writeLock = NSLock()
    /// Thread currently inside `write`, to turn a nested `write` into an error instead of a deadlock.
    private let writerThread = Mutex<UInt?>(nil)

    /// Bumped after every committed write: what `ReadCache` checks its entries against.
    private let committedWrites = Atomic<UInt64>(0)

    /// How many writes have committed since the database was opened. Read it before reading the
    /// data a cached value is made from (see `ReadCache`).
    public var generation: UInt64 { committedWrites.load(ordering: .acquiring) }

    private let readerCondition = NSCondition()
    private var idleReaders: [Connection]  // guarded by readerCondition

    /// Opens (creating if needed) the database at `path` with one writer and `readerCount` readers.
    public init(path: String, readerCount: Int = 4) throws {
        precondition(readerCount > 0, "a Database needs at least one reader connection")
        self.path = path
        writer = try Connection(path: path, flags: [.readWrite, .create])
        let mode = try writer.queryOne("PRAGMA journal_mode = WAL")?.string(0)
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: SQLITE_CANTOPEN, message: "could not switch to WAL mode (journal_mode is \(mode ?? "unknown"))",
                sql: "PRAGMA journal_mode = WAL")
        }
        // synchronous = NORMAL: in WAL mode a commit is a write(2) of its frames into the -wal file
        // (fsync happens at checkpoints). Once COMMIT returns the data is in the kernel's page cache,
        // so it survives SIGKILL or any crash of this process; only a power loss / kernel crash can
        // drop the last few commits, and never corrupts the database. That is the durability an
        // emulator needs, at a fraction of FULL's fsync-per-commit cost. (Blob files are fsynced
        // separately before their row commits, so a lost row only leaves an orphan file, which
        // clean-up removes.)
        try writer.execute("PRAGMA synchronous = NORMAL")
        idleReaders = try (0..<readerCount).map { _ in
            try Connection(path: path, flags: [.readOnly])
        }
    }

    /// Runs `body` on a reader connection inside one read transaction, so all its queries see the
    /// same committed snapshot. Readers never wait for the writer (WAL). Waits if all readers are
    /// busy, so do not nest `read` calls (a nested read can wait forever once the pool is exhausted).
    /// Writes from `body` fail with `SQLITE_READONLY`; inside `write`, query the writer's connection
    /// instead, as a reader does not see the open transaction's changes.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = checkOutReader()
        defer { checkIn(connection) }
        try connection.run("BEGIN DEFERRED")
        do {
            let result = try body(connection)
            try connection.run("COMMIT")
            return result
        } catch {
            if connection.isInTransaction { try? connection.run("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` on the writer connection inside `BEGIN IMMEDIATE … COMMIT`; rolls back and
    /// rethrows if `body` (or the commit) throws. Writers are serialised. Actions registered with
    /// `Connection.onTransactionEnd` run after the commit or rollback, before the lock is released.
    ///
    /// Calling `write` from inside `write` on the same thread throws instead of deadlocking; use
    /// the connection you were given (or `Connection.savepoint`) for nested work.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let me = currentThreadID()
        if writerThread.withLock({ $0 == me }) {
            throw SQLiteError(
                code: SQLITE_MISUSE, message: "Database.write called from inside Database.write on the same thread")
        }
        writeLock.lock()
        writerThread.withLock { $0 = me }
        defer {
            writerThread.withLock { $0 = nil }
            writeLock.unlock()
        }

        writer.discardTransactionActions()
        try writer.run("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body(writer)
            try writer.run("COMMIT")
            // Before `write` returns, so a caller that wrote never reads a value cached earlier.
            committedWrites.add(1, ordering: .releasing)
        } catch {
            if writer.isInTransaction { try? writer.run("ROLLBACK") }
            writer.finishTransaction(.rolledBack)
            throw error
        }
        writer.finishTransaction(.committed)
        return result
    }

    // MARK: Reader pool

    private func checkOutReader() -> Connection {
        readerCondition.lock()
        defer { readerCondition.unlock() }
        while idleReaders.isEmpty { readerCondition.wait() }
        return idleReaders.removeLast()
    }

    private func checkIn(_ connection: Connection) {
        readerCondition.lock()
        idleReaders.append(connection)
        readerCondition.signal()
        readerCondition.unlock()
    }
}

/// A stable identifier of the calling POSIX thread.
private func currentThreadID() -> UInt {
    #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
    #else
        UInt(pthread_self())
    #endif
}
