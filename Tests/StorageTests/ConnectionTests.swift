import Foundation
import Testing

@testable import Storage

@Suite("Connection")
struct ConnectionTests {
    @Test("values of every type round-trip through bind and read")
    func valuesRoundTrip() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            try connection.execute("CREATE TABLE t (a, b, c, d, e, f, g)")
            try connection.run(
                "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                [nil, 42, 2.5, "héllo ✓", .blob([0, 1, 255]), "", .blob([])])
            let row = try #require(try connection.queryOne("SELECT * FROM t"))
            #expect(row["a"] == .null)
            #expect(try row.optionalInt("a") == nil)
            #expect(try row.int("b") == 42)
            #expect(try row.int64(1) == 42)
            #expect(try row.double("c") == 2.5)
            #expect(try row.double("b") == 42)
            #expect(try row.string("d") == "héllo ✓")
            #expect(try row.bytes("e") == [0, 1, 255])
            #expect(try row.string("f") == "")
            #expect(row["g"] == .blob([]))
            #expect(try row.optionalString("f") == "")
            #expect(row.columnNames == ["a", "b", "c", "d", "e", "f", "g"])
        }
    }

    @Test("typed accessors report the wrong type or a missing column as errors")
    func accessorErrors() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            let row = try #require(try connection.queryOne("SELECT 'text' AS s, NULL AS n"))
            let mismatch = #expect(throws: SQLiteError.self) { try row.int("s") }
            #expect(mismatch?.description.contains("TEXT, expected INTEGER") == true)
            #expect(throws: SQLiteError.self) { try row.string("n") }
            #expect(throws: SQLiteError.self) { try row.string("missing") }
            #expect(throws: SQLiteError.self) { try row.string(7) }
        }
    }

    @Test("changes and lastInsertRowID report the last statement")
    func changesAndRowID() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            try connection.run("INSERT INTO t (v) VALUES (?)", ["a"])
            try connection.run("INSERT INTO t (v) VALUES (?)", ["b"])
            #expect(connection.lastInsertRowID == 2)
            try connection.run("UPDATE t SET v = 'c'")
            #expect(connection.changes == 2)
            #expect(try connection.query("SELECT v FROM t ORDER BY id").map { try $0.string(0) } == ["c", "c"])
        }
    }

    @Test("cached statements are reused with fresh bindings")
    func statementCache() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            try connection.execute("CREATE TABLE t (v INTEGER)")
            for i in 0..<10 { try connection.run("INSERT INTO t VALUES (?)", [.int(i)]) }
            #expect(connection.cachedStatementCount == 1)
            #expect(try connection.queryOne("SELECT sum(v) AS s FROM t")?.int("s") == 45)
            // A failed bind must not leave the statement half-bound or unusable.
            #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t VALUES (?)", []) }
            try connection.run("INSERT INTO t VALUES (?)", [100])
            #expect(try connection.queryOne("SELECT count(*) FROM t")?.int(0) == 11)
        }
    }

    @Test("several statements in run are refused; execute runs scripts")
    func scriptsOnlyThroughExecute() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            #expect(throws: SQLiteError.self) {
                try connection.run("CREATE TABLE a (x); CREATE TABLE b (x)")
            }
            try connection.execute("CREATE TABLE a (x); CREATE TABLE b (x);")
            #expect(try connection.query("SELECT name FROM sqlite_master ORDER BY name").count == 2)
            try connection.run("INSERT INTO a VALUES (1);  ")
        }
    }

    @Test("foreign keys are enforced")
    func foreignKeysOn() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            try connection.execute(
                "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))")
            let error = #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO c VALUES (?)", [7]) }
            #expect(error?.isConstraintViolation == true)
        }
    }

    @Test("a savepoint rolls back only its own changes")
    func savepointRollsBack() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/c.sqlite3")
            try connection.execute("CREATE TABLE t (v INTEGER)")
            try connection.execute("BEGIN")
            try connection.run("INSERT INTO t VALUES (1)")
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try connection.savepoint {
                    try connection.run("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            try connection.execute("COMMIT")
            #expect(try connection.query("SELECT v FROM t").map { try $0.int(0) } == [1])
        }
    }
}
