import Foundation
import Storage

/// A harness whose state is one database, so tests can read the files for what must not be there.
public protocol DatabaseHarness {
    var database: Database { get }
}

extension DatabaseHarness {
    /// The raw bytes of the database and its WAL, to look for values that must not be there.
    public func stateFileBytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            bytes += Array(try Data(contentsOf: URL(fileURLWithPath: database.path + suffix)))
        }
        return bytes
    }
}
