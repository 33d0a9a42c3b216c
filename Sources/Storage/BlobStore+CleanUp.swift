/// Start-up clean-up and garbage collection of the blob store.
extension BlobStore {
    /// Run once at start, before serving requests: removes everything in `uploads/` (interrupted
    /// uploads; unsafe while uploads are in flight) and then `collectGarbage`.
    @discardableResult
    public func cleanUp(database: Database) throws -> BlobCleanUpReport {
        var report = BlobCleanUpReport()
        for name in try POSIXFile.entries(of: uploadsDirectory) {
            try POSIXFile.removeTree(uploadsDirectory + "/" + name)
            report.uploadsRemoved += 1
        }
        let garbage = try collectGarbage(database: database)
        report.orphanFilesRemoved = garbage.orphanFilesRemoved
        report.unreferencedRowsRemoved = garbage.unreferencedRowsRemoved
        report.rowsWithMissingFile = garbage.rowsWithMissingFile
        return report
    }

    /// Deletes `blob` rows with no references and blob files without a row. Safe at any time:
    /// it runs in a write transaction and deletes files only after it commits, under the writer lock.
    @discardableResult
    public func collectGarbage(database: Database) throws -> BlobCleanUpReport {
        final class Box { var report = BlobCleanUpReport() }
        let box = Box()
        try database.write { connection in
            try connection.run("DELETE FROM blob WHERE refcount <= 0")
            box.report.unreferencedRowsRemoved = connection.changes

            var orphans: [String] = []
            for shard in try POSIXFile.entries(of: blobsDirectory) {
                let shardPath = blobsDirectory + "/" + shard
                guard let info = try POSIXFile.status(shardPath), POSIXFile.isDirectory(info) else { continue }
                for name in try POSIXFile.entries(of: shardPath) {
                    let filePath = shardPath + "/" + name
                    guard let info = try POSIXFile.status(filePath), !POSIXFile.isDirectory(info) else { continue }
                    if let digest = try? BlobDigest(hex: name), digest.hex.hasPrefix(shard),
                        try connection.queryOne("SELECT 1 FROM blob WHERE digest = ?", [.text(digest.string)]) != nil
                    {
                        continue
                    }
                    orphans.append(filePath)
                }
            }

            for row in try connection.query("SELECT digest FROM blob") {
                if let digest = try? BlobDigest(row.string("digest")), try !exists(digest.string) {
                    box.report.rowsWithMissingFile += 1
                }
            }

            connection.onTransactionEnd { _, outcome in
                guard outcome == .committed else { return }
                for path in orphans where (try? POSIXFile.unlinkIfPresent(path)) != nil {
                    box.report.orphanFilesRemoved += 1
                }
            }
        }
        return box.report
    }

    /// Deletes every blob file (used by a full reset, after the `blob` table was emptied).
    /// Call only at the end of a write transaction, under the writer lock. Returns the file count.
    func removeAllFiles() throws -> Int {
        var count = 0
        for shard in try POSIXFile.entries(of: blobsDirectory) {
            let shardPath = blobsDirectory + "/" + shard
            if let info = try POSIXFile.status(shardPath), POSIXFile.isDirectory(info) {
                count += try POSIXFile.entries(of: shardPath).count
            } else {
                count += 1
            }
            try POSIXFile.removeTree(shardPath)
        }
        return count
    }
}
