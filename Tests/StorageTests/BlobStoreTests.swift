import Crypto
import Foundation
import Testing

@testable import Storage

@Suite("BlobStore")
struct BlobStoreTests {
    private func refcount(_ digest: String, _ database: Database) throws -> Int? {
        try database.read { try $0.queryOne("SELECT refcount FROM blob WHERE digest = ?", [.text(digest)])?.int(0) }
    }

    @Test("a writer hashes its bytes with SHA-256 and MD5 and commits them to the digest path")
    func writeAndCommit() throws {
        try withStore { database, store throws in
            let writer = try store.makeWriter()
            try writer.write(Array("hel".utf8))
            try writer.write(Data("lo".utf8))
            let staged = try writer.finish()
            #expect(staged.hex == helloSHA256)
            #expect(staged.digest == "sha256:" + helloSHA256)
            #expect(staged.md5Hex == helloMD5)
            #expect(staged.size == 5)
            #expect(staged.path.hasPrefix(store.uploadsDirectory + "/"))

            let ref = try database.write { try store.commit(staged, in: $0) }
            #expect(ref == BlobRef(digest: staged.digest, size: 5))
            let path = try store.path(for: ref.digest)
            #expect(path == store.root + "/blobs/sha256/2c/" + helloSHA256)
            #expect(try store.exists(ref.digest))
            #expect(try store.size(ref.digest) == 5)
            #expect(!FileManager.default.fileExists(atPath: staged.path))
            let reader = try store.open(ref.digest)
            #expect(reader.size == 5)
            #expect(try reader.readAll() == Array("hello".utf8))
        }
    }

    @Test("committing the same bytes twice stores one file and refcount 2")
    func deduplicates() throws {
        try withStore { database, store throws in
            let a = try stage(Array("same".utf8), in: store)
            let b = try stage(Array("same".utf8), in: store)
            try database.write { connection in
                try store.commit(a, in: connection)
                try store.commit(b, in: connection)
            }
            #expect(try refcount(a.digest, database) == 2)
            #expect(fileCount(under: store.blobsDirectory) == 1)
            #expect(fileCount(under: store.uploadsDirectory) == 0)
        }
    }

    @Test("releasing the last reference removes the file once the transaction commits")
    func releaseRemovesAfterCommit() throws {
        try withStore { database, store throws in
            let staged = try stage(Array("bytes".utf8), in: store)
            try database.write { connection in
                try store.commit(staged, in: connection)
                try store.addReference(staged.digest, in: connection)
            }
            try database.write { try store.release(staged.digest, in: $0) }
            #expect(try refcount(staged.digest, database) == 1)
            #expect(try store.exists(staged.digest))

            try database.write { connection in
                try store.release(staged.digest, in: connection)
                // Still present inside the transaction: a rollback must find it.
                #expect(try store.exists(staged.digest))
            }
            #expect(try refcount(staged.digest, database) == nil)
            #expect(try !store.exists(staged.digest))
            #expect(throws: BlobStoreError.unknownBlob(digest: staged.digest)) {
                try database.write { try store.release(staged.digest, in: $0) }
            }
        }
    }

    @Test("a rolled back release keeps the row and the file")
    func rolledBackReleaseKeepsFile() throws {
        struct Boom: Error {}
        try withStore { database, store throws in
            let staged = try stage(Array("keep me".utf8), in: store)
            try database.write { try store.commit(staged, in: $0) }
            #expect(throws: Boom.self) {
                try database.write { connection in
                    try store.release(staged.digest, in: connection)
                    throw Boom()
                }
            }
            #expect(try refcount(staged.digest, database) == 1)
            #expect(try store.exists(staged.digest))
        }
    }

    @Test("a rolled back commit leaves neither row nor file")
    func rolledBackCommit() throws {
        struct Boom: Error {}
        try withStore { database, store throws in
            let staged = try stage(Array("never".utf8), in: store)
            #expect(throws: Boom.self) {
                try database.write { connection in
                    try store.commit(staged, in: connection)
                    throw Boom()
                }
            }
            #expect(try refcount(staged.digest, database) == nil)
            #expect(fileCount(under: store.blobsDirectory) == 0)
        }
    }

    @Test("releasing the last reference removes the blob at clean-up after a crash")
    func cleanUpRemovesLeftoverAfterRelease() throws {
        try withStore { database, store throws in
            let staged = try stage(Array("crash".utf8), in: store)
            try database.write { try store.commit(staged, in: $0) }
            // As if the process died after the release committed but before the file was deleted.
            try database.write { try $0.run("UPDATE blob SET refcount = 0 WHERE digest = ?", [.text(staged.digest)]) }
            #expect(try store.exists(staged.digest))

            let report = try store.cleanUp(database: database)
            #expect(report.unreferencedRowsRemoved == 1)
            #expect(report.orphanFilesRemoved == 1)
            #expect(try !store.exists(staged.digest))
            #expect(try refcount(staged.digest, database) == nil)
        }
    }

    @Test("clean-up removes staged uploads and blob files without rows")
    func cleanUpRemovesUploadsAndOrphans() throws {
        try withStore { database, store throws in
            let kept = try stage(Array("kept".utf8), in: store)
            try database.write { try store.commit(kept, in: $0) }

            // An interrupted upload, a staged blob never committed, and a file renamed into place
            // whose row never committed (crash between rename and COMMIT).
            _ = FileManager.default.createFile(atPath: store.newUploadPath(), contents: Data("partial".utf8))
            _ = try stage(Array("staged".utf8), in: store)
            let orphan = try BlobDigest(hex: String(repeating: "ab", count: 32))
            try FileManager.default.createDirectory(
                atPath: store.blobsDirectory + "/ab", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: store.path(for: orphan), contents: Data("orphan".utf8))
            _ = FileManager.default.createFile(atPath: store.blobsDirectory + "/ab/not-a-digest.tmp", contents: Data())

            let report = try store.cleanUp(database: database)
            #expect(report.uploadsRemoved == 2)
            #expect(report.orphanFilesRemoved == 2)
            #expect(report.unreferencedRowsRemoved == 0)
            #expect(report.rowsWithMissingFile == 0)
            #expect(fileCount(under: store.uploadsDirectory) == 0)
            #expect(fileCount(under: store.blobsDirectory) == 1)
            #expect(try store.exists(kept.digest))
            #expect(try refcount(kept.digest, database) == 1)
        }
    }

    @Test("invalid digest strings are rejected before touching the filesystem")
    func invalidDigests() throws {
        try withStore { database, store throws in
            // With the store's directories gone, any filesystem access would fail with an I/O
            // error instead, so getting invalidDigest proves validation came first.
            try FileManager.default.removeItem(atPath: store.root + "/blobs")
            let hex = String(repeating: "a", count: 64)
            let invalid = [
                "", "sha256:", hex, "sha256:" + hex.uppercased(), "sha512:" + hex, "SHA256:" + hex,
                "sha256:" + String(repeating: "a", count: 63), "sha256:" + hex + "a",
                "sha256:../../../../etc/passwd" + String(repeating: "a", count: 37),
                "sha256:" + String(repeating: "a", count: 62) + "/x",
                "sha256:" + String(repeating: "a", count: 63) + "\0",
                "sha256:" + String(repeating: "g", count: 64), "sha256: " + String(repeating: "a", count: 63),
                "sha256:" + String(repeating: "a", count: 62) + "é",
            ]
            for digest in invalid {
                #expect(throws: BlobStoreError.invalidDigest(digest)) { try store.path(for: digest) }
                #expect(throws: BlobStoreError.invalidDigest(digest)) { try store.exists(digest) }
                #expect(throws: BlobStoreError.invalidDigest(digest)) { try store.size(digest) }
                #expect(throws: BlobStoreError.invalidDigest(digest)) { try store.open(digest) }
                #expect(throws: BlobStoreError.invalidDigest(digest)) {
                    try database.write { try store.release(digest, in: $0) }
                }
            }
            #expect(throws: BlobStoreError.self) { try BlobDigest(hex: "../" + String(repeating: "a", count: 61)) }
            #expect(try BlobDigest("sha256:" + hex).hex == hex)
        }
    }

    @Test("adopting a spooled upload hashes it in place and commits it")
    func adoptSpooledFile() throws {
        try withStore { database, store throws in
            let path = store.newUploadPath()
            let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let staged = try store.adopt(file: path)
            #expect(staged.hex == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
            #expect(staged.md5Hex == Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
            #expect(staged.size == Int64(bytes.count))
            #expect(staged.path == path)
            try database.write { try store.commit(staged, in: $0) }
            #expect(try store.open(staged.digest).readAll() == bytes)
        }
    }

    @Test("files outside the uploads directory cannot be adopted")
    func adoptRefusesOutsideFiles() throws {
        try withStore { database, store throws in
            let outside = store.root + "/outside.bin"
            _ = FileManager.default.createFile(atPath: outside, contents: Data("x".utf8))
            #expect(throws: BlobStoreError.notAnUpload(path: outside)) { try store.adopt(file: outside) }
            let sneaky = store.uploadsDirectory + "/../outside.bin"
            #expect(throws: BlobStoreError.self) { try store.adopt(file: sneaky) }
            let link = store.newUploadPath()
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside)
            #expect(throws: BlobStoreError.self) { try store.adopt(file: link) }
            #expect(throws: BlobStoreError.self) { try store.adopt(file: "relative-name") }
        }
    }

    @Test("blob references can only change inside a write transaction")
    func requiresWriteTransaction() throws {
        try withStore { database, store throws in
            let staged = try stage(Array("x".utf8), in: store)
            #expect(throws: BlobStoreError.notInWriteTransaction) {
                try database.read { try store.commit(staged, in: $0) }
            }
            #expect(FileManager.default.fileExists(atPath: staged.path))
        }
    }

    @Test("an aborted or dropped writer leaves no staging file")
    func abortRemovesStagingFile() throws {
        try withStore { _, store throws in
            let writer = try store.makeWriter()
            try writer.write(Array("partial".utf8))
            #expect(FileManager.default.fileExists(atPath: writer.path))
            writer.abort()
            #expect(!FileManager.default.fileExists(atPath: writer.path))
            #expect(throws: BlobStoreError.closed) { try writer.write([1]) }
            do {
                let dropped = try store.makeWriter()
                try dropped.write([1, 2, 3])
            }
            #expect(fileCount(under: store.uploadsDirectory) == 0)
        }
    }

    @Test("a 64 MiB blob written in 1 MiB pieces has the SHA-256 of its bytes")
    func largeBlob() throws {
        try withStore { database, store throws in
            let writer = try store.makeWriter()
            var expected = SHA256()
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<64 {
                chunk.withUnsafeMutableBytes { raw in
                    let words = raw.bindMemory(to: UInt64.self)
                    for i in words.indices {  // xorshift64: cheap, deterministic, incompressible
                        state ^= state << 13
                        state ^= state >> 7
                        state ^= state << 17
                        words[i] = state
                    }
                }
                try chunk.withUnsafeBytes { try writer.write($0) }
                expected.update(data: chunk)
            }
            let staged = try writer.finish()
            let expectedHex = expected.finalize().map { String(format: "%02x", $0) }.joined()
            #expect(staged.hex == expectedHex)
            #expect(staged.size == 64 << 20)
            let ref = try database.write { try store.commit(staged, in: $0) }
            #expect(try store.size(ref.digest) == 64 << 20)
            // Re-hash the stored file through adopt's chunked reader to check the bytes on disk.
            let copy = store.newUploadPath()
            try FileManager.default.copyItem(atPath: try store.path(for: ref.digest), toPath: copy)
            #expect(try store.adopt(file: copy).hex == expectedHex)
        }
    }
}
