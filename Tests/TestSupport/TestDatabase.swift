import Foundation
import Storage

/// A fresh database in a temporary directory, migrated, removed with the fixture: what a
/// backend test needs, nothing shared between tests. The directory is laid out as a state
/// directory (`blobs/`, `uploads/`) for backends that store blobs.
public final class TestDatabase: DatabaseHarness {
    public let directory: String
    public let database: Database
    public let blobStore: BlobStore

    public init(_ name: String, migrations: [Migration], readerCount: Int = 4) throws {
        directory = NSTemporaryDirectory() + "/\(name)-tests-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        blobStore = try BlobStore(root: directory)
        database = try Database(path: directory + "/" + StateDirectory.databaseFileName, readerCount: readerCount)
        try Migrator(migrations).migrate(database)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
