import Foundation
import Synchronization
import Testing

@testable import Storage

@Suite("Database")
struct DatabaseTests {
    @discardableResult
    private func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/db.sqlite3")
            try database.write { try $0.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)") }
            return try body(database)
        }
    }

    @Test("the database runs in WAL mode with foreign keys on")
    func walMode() throws {
        try withDatabase { database throws in
            #expect(try database.read { try $0.queryOne("PRAGMA journal_mode")?.string(0) } == "wal")
            #expect(try database.write { try $0.queryOne("PRAGMA foreign_keys")?.int(0) } == 1)
            #expect(try database.read { try $0.queryOne("PRAGMA foreign_keys")?.int(0) } == 1)
            #expect(try database.write { try $0.queryOne("PRAGMA synchronous")?.int(0) } == 1)  // NORMAL
        }
    }

    @Test("write commits its changes")
    func writeCommits() throws {
        try withDatabase { database throws in
            let id = try database.write { connection in
                try connection.run("INSERT INTO item (name) VALUES (?)", ["a"])
                return connection.lastInsertRowID
            }
            #expect(
                try database.read { try $0.queryOne("SELECT name FROM item WHERE id = ?", [.integer(id)])?.string(0) }
                    == "a")
        }
    }

    @Test("write rolls back when the body throws")
    func writeRollsBack() throws {
        struct Boom: Error {}
        try withDatabase { database throws in
            #expect(throws: Boom.self) {
                try database.write { connection in
                    try connection.run("INSERT INTO item (name) VALUES (?)", ["lost"])
                    throw Boom()
                }
            }
            #expect(try database.read { try $0.queryOne("SELECT count(*) FROM item")?.int(0) } == 0)
            // The writer is usable again afterwards.
            try database.write { try $0.run("INSERT INTO item (name) VALUES ('kept')") }
            #expect(try database.read { try $0.queryOne("SELECT count(*) FROM item")?.int(0) } == 1)
        }
    }

    @Test("readers see committed data while a writer holds its transaction")
    func readersDuringWrite() throws {
        try withDatabase { database throws in
            try database.write { try $0.run("INSERT INTO item (name) VALUES ('committed')") }
            let seenFromOtherThread = Mutex<[String]?>(nil)
            try database.write { connection in
                try connection.run("INSERT INTO item (name) VALUES ('pending')")
                // Same thread: the reader pool is independent of the writer lock.
                let sameThread = try database.read { try $0.query("SELECT name FROM item").map { try $0.string(0) } }
                #expect(sameThread == ["committed"])
                // Another thread, while this transaction is still open.
                let done = DispatchSemaphore(value: 0)
                Thread {
                    let names = try? database.read { try $0.query("SELECT name FROM item").map { try $0.string(0) } }
                    seenFromOtherThread.withLock { $0 = names }
                    done.signal()
                }.start()
                #expect(done.wait(timeout: .now() + 10) == .success)
            }
            #expect(seenFromOtherThread.withLock { $0 } == ["committed"])
            #expect(
                try database.read { try $0.query("SELECT name FROM item ORDER BY id").map { try $0.string(0) } } == [
                    "committed", "pending",
                ])
        }
    }

    @Test("concurrent writers from 8 threads all commit")
    func concurrentWriters() throws {
        try withDatabase { database throws in
            let failures = Collector<String>()
            runOnThreads(8) { thread in
                for i in 0..<25 {
                    do {
                        try database.write { connection in
                            let count = try connection.queryOne("SELECT count(*) FROM item")?.int(0) ?? 0
                            try connection.run(
                                "INSERT INTO item (name) VALUES (?)", [.text("t\(thread)-\(i)-\(count)")])
                        }
                        _ = try database.read { try $0.queryOne("SELECT count(*) FROM item") }
                    } catch {
                        failures.append("\(error)")
                    }
                }
            }
            #expect(failures.all.isEmpty)
            #expect(try database.read { try $0.queryOne("SELECT count(*) FROM item")?.int(0) } == 200)
            // Each write saw all previous ones: the counts recorded in the names are 0...199.
            let counts = try database.read { connection in
                try connection.query("SELECT name FROM item").map { row in
                    Int(try row.string("name").split(separator: "-").last!)!
                }
            }
            #expect(counts.sorted() == Array(0..<200))
        }
    }

    @Test("a nested write on the same thread throws instead of deadlocking")
    func nestedWriteThrows() throws {
        try withDatabase { database throws in
            let error = #expect(throws: SQLiteError.self) {
                try database.write { _ in try database.write { _ in } }
            }
            #expect(error?.description.contains("inside Database.write") == true)
            try database.write { try $0.run("INSERT INTO item (name) VALUES ('after')") }
        }
    }

    @Test("reader connections refuse writes")
    func readersAreReadOnly() throws {
        try withDatabase { database throws in
            #expect(throws: SQLiteError.self) {
                try database.read { try $0.run("INSERT INTO item (name) VALUES ('x')") }
            }
        }
    }

    @Test("transaction-end actions run after commit or rollback, before the next write")
    func transactionEndActions() throws {
        struct Boom: Error {}
        try withDatabase { database throws in
            let outcomes = Collector<String>()
            try database.write { connection in
                connection.onTransactionEnd { _, outcome in outcomes.append("\(outcome)") }
            }
            _ = try? database.write { connection in
                connection.onTransactionEnd { _, outcome in outcomes.append("\(outcome)") }
                throw Boom()
            }
            #expect(outcomes.all == ["committed", "rolledBack"])
        }
    }
}
