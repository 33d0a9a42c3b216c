import Foundation
import Synchronization
import Testing

@testable import Storage

@Suite("Read cache")
struct ReadCacheTests {
    private func withItems<T>(_ body: (Database) throws -> T) throws -> T {
        try withTemporaryDirectory { dir throws in
            let database = try Database(path: dir + "/db.sqlite3")
            try database.write {
                try $0.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
                try $0.run("INSERT INTO item (id, name) VALUES (1, 'first')")
            }
            return try body(database)
        }
    }

    private func name(_ database: Database, loads: inout Int) throws -> String {
        loads += 1
        return try database.read { try $0.queryOne("SELECT name FROM item WHERE id = 1")!.string(0) }
    }

    @Test("a value is read once while nothing is written")
    func readOnceWithoutWrites() throws {
        try withItems { database throws in
            let cache = ReadCache<Int, String>(database: database)
            var loads = 0
            for _ in 0..<5 { #expect(try cache.value(for: 1) { try name(database, loads: &loads) } == "first") }
            #expect(loads == 1)
        }
    }

    @Test("a committed write is seen by the next lookup, whatever it wrote")
    func committedWriteInvalidates() throws {
        try withItems { database throws in
            let cache = ReadCache<Int, String>(database: database)
            var loads = 0
            _ = try cache.value(for: 1) { try name(database, loads: &loads) }
            try database.write { try $0.run("UPDATE item SET name = 'second' WHERE id = 1") }
            #expect(try cache.value(for: 1) { try name(database, loads: &loads) } == "second")
            // A write to anything else also starts over: the cache does not know what a value depends on.
            try database.write { try $0.execute("CREATE TABLE other (id INTEGER)") }
            #expect(try cache.value(for: 1) { try name(database, loads: &loads) } == "second")
            #expect(loads == 3)
        }
    }

    @Test("a rolled-back write keeps the cached value")
    func rolledBackWriteKeepsValues() throws {
        struct Refused: Error {}
        try withItems { database throws in
            let cache = ReadCache<Int, String>(database: database)
            var loads = 0
            _ = try cache.value(for: 1) { try name(database, loads: &loads) }
            #expect(throws: Refused.self) {
                try database.write { connection throws in
                    try connection.run("UPDATE item SET name = 'never' WHERE id = 1")
                    throw Refused()
                }
            }
            #expect(try cache.value(for: 1) { try name(database, loads: &loads) } == "first")
            #expect(loads == 1)
        }
    }

    @Test("a failed load is not cached")
    func failedLoadIsNotCached() throws {
        struct Missing: Error {}
        try withItems { database throws in
            let cache = ReadCache<Int, String>(database: database)
            var attempts = 0
            for _ in 0..<3 {
                #expect(throws: Missing.self) {
                    try cache.value(for: 2) { () throws -> String in
                        attempts += 1
                        throw Missing()
                    }
                }
            }
            #expect(attempts == 3)
        }
    }

    @Test("a full cache starts over rather than growing")
    func fullCacheStartsOver() throws {
        try withItems { database throws in
            let cache = ReadCache<Int, Int>(database: database, limit: 4)
            var loads = 0
            for key in 0..<6 {
                _ = cache.value(for: key) {
                    loads += 1; return key
                }
            }
            _ = cache.value(for: 5) {
                loads += 1; return 5
            }
            _ = cache.value(for: 0) {
                loads += 1; return 0
            }
            #expect(loads == 7)
        }
    }
}
