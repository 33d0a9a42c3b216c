import Testing

@testable import Storage

@Suite("SQLiteError")
struct SQLiteErrorTests {
    @Test("SQLiteError text never includes bound values")
    func noBoundValues() throws {
        try withTemporaryDirectory { dir throws in
            let connection = try Connection(path: dir + "/e.sqlite3")
            try connection.execute(
                "CREATE TABLE secret (name TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (length(value) < 40))")
            let secret = "hunter2-super-secret-value"
            try connection.run("INSERT INTO secret VALUES (?, ?)", ["db-password", .text(secret)])

            let duplicate = #expect(throws: SQLiteError.self) {
                try connection.run("INSERT INTO secret VALUES (?, ?)", ["db-password", .text(secret)])
            }
            let tooLong = #expect(throws: SQLiteError.self) {
                try connection.run("INSERT INTO secret VALUES (?, ?)", ["other", .text(secret + secret)])
            }
            let wrongCount = #expect(throws: SQLiteError.self) {
                try connection.run("INSERT INTO secret VALUES (?, ?)", [.text(secret)])
            }
            let wrongType = #expect(throws: SQLiteError.self) {
                try connection.queryOne("SELECT value FROM secret")?.int("value")
            }
            for error in [duplicate, tooLong, wrongCount, wrongType] {
                let error = try #require(error)
                #expect(!error.description.contains(secret))
                #expect(!error.description.contains("db-password"))
                #expect(!String(describing: error).contains(secret))
                #expect(!error.message.contains(secret))
            }
            #expect(duplicate?.isUniqueViolation == true)
            #expect(duplicate?.description.contains("UNIQUE constraint failed: secret.name") == true)
            #expect(duplicate?.sql == "INSERT INTO secret VALUES (?, ?)")
            #expect(tooLong?.isConstraintViolation == true)
        }
    }
}
