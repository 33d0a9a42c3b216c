import Foundation
import Storage

/// A fresh database in a temporary directory, migrated, removed with the fixture: what a
/// backend test needs, nothing shared between tests.
public final class TestDatabase: DatabaseHarness {
    public let directory: String
    public let database: Database

    public init(_ name: String, migrations: [Migration]) throws {
        directory = NSTemporaryDirectory() + "/\(name)-tests-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try Database(path: directory + "/ebauth.sqlite3")
        try Migrator(migrations).migrate(database)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
