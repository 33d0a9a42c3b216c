import Foundation
import Storage
import Synchronization

/// A fresh directory under the system temp dir, removed when `body` returns.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "/storage-tests-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// A migrated database plus blob store in a temporary directory.
@discardableResult
func withStore<T>(_ body: (Database, BlobStore) throws -> T) throws -> T {
    try withTemporaryDirectory { dir in
        let database = try Database(path: dir + "/test.sqlite3")
        try Migrator(StorageSchema.migrations).migrate(database)
        let store = try BlobStore(root: dir)
        return try body(database, store)
    }
}

/// Runs `body(index)` on `count` separate threads and waits for all of them.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

/// Collects values from several threads.
final class Collector<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}

/// Stages `bytes` through a writer.
func stage(_ bytes: [UInt8], in store: BlobStore) throws -> StagedBlob {
    let writer = try store.makeWriter()
    try writer.write(bytes)
    return try writer.finish()
}

/// Number of regular files under `directory`, recursively.
func fileCount(under directory: String) -> Int {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return 0 }
    var count = 0
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            count += 1
        }
    }
    return count
}

let helloSHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
let helloMD5 = "5d41402abc4b2a76b9719d911017c592"
