import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a checked plan into the staging directory: folders, then files (created with
/// `O_EXCL | O_NOFOLLOW`, so nothing pre-existing is ever opened), then links, then the
/// folders' final permissions (last, so a read-only folder does not block its own files).
struct Stager {
    let plan: BundlePlan
    let archive: ZipArchive?
    let root: String
    let limits: BundleLimits

    func run(source: StagedBundle.Source) throws(BundleError) -> StagedBundle {
        try prepareRoot()
        do {
            let files = try write()
            return StagedBundle(root: root, source: source, files: files)
        } catch {
            removeContents()
            throw error
        }
    }

    /// The staging directory must be new or empty: an existing link or file in it could
    /// redirect a write.
    private func prepareRoot() throws(BundleError) {
        var info = stat()
        if lstat(root, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .stagingDirectoryNotEmpty(path: root) }
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            if !existing.isEmpty { throw .stagingDirectoryNotEmpty(path: root) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw .io(path: root, reason: "cannot create the staging directory")
        }
    }

    private func write() throws(BundleError) -> [StagedFile] {
        var staged: [StagedFile] = []
        let paths = plan.order.sorted()
        for path in paths {
            guard let entry = plan.entries[path], case .directory = entry.kind else { continue }
            if mkdir(absolute(path), 0o700) != 0 {
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
        }
        var total: UInt64 = 0
        for path in paths {
            guard let entry = plan.entries[path], case .file(let content, _) = entry.kind else { continue }
            let size = try writeFile(entry, content: content, budget: limits.maxTotalSize - total)
            total += size
            staged.append(StagedFile(path: path, kind: .file, mode: entry.mode, size: size))
        }
        for path in paths {
            guard let entry = plan.entries[path], case .symlink(let target) = entry.kind else { continue }
            if symlink(target, absolute(path)) != 0 {
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            staged.append(StagedFile(path: path, kind: .symlink(target: target), mode: entry.mode, size: 0))
        }
        for path in paths.reversed() {
            guard let entry = plan.entries[path], case .directory = entry.kind else { continue }
            if chmod(absolute(path), mode_t(entry.mode)) != 0 {
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            staged.append(StagedFile(path: path, kind: .directory, mode: entry.mode, size: 0))
        }
        return staged
    }

    private func writeFile(_ entry: BundlePlan.Entry, content: BundlePlan.Content, budget: UInt64) throws(BundleError)
        -> UInt64
    {
        let fd = open(absolute(entry.path), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: entry.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let limit = min(limits.maxEntrySize, budget)
        let size: UInt64
        switch content {
        case .zip(let zipEntry):
            guard let archive else { throw .io(path: entry.path, reason: "no archive") }
            let written: EntryWriter.Written
            do {
                written = try EntryWriter.copy(zipEntry, name: entry.path, from: archive, to: fd, limit: limit)
            } catch .entryTooLarge where limit < limits.maxEntrySize {
                throw .bundleTooLarge(limit: limits.maxTotalSize)
            }
            try EntryWriter.verify(zipEntry, name: entry.path, written)
            size = written.bytes
        case .disk(let path):
            do {
                size = try EntryWriter.copy(file: path, name: entry.path, to: fd, limit: limit)
            } catch .entryTooLarge where limit < limits.maxEntrySize {
                throw .bundleTooLarge(limit: limits.maxTotalSize)
            }
        }
        // Set explicitly: the process umask must not decide whether a hook is executable.
        if fchmod(fd, mode_t(entry.mode)) != 0 {
            throw .io(path: entry.path, reason: String(cString: strerror(errno)))
        }
        return size
    }

    private func absolute(_ path: String) -> String {
        root + "/" + path
    }

    /// Undo a failed staging. Only what this stager created is there (the root was empty).
    private func removeContents() {
        for path in plan.order {
            chmod(absolute(path), 0o700)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names {
            try? FileManager.default.removeItem(atPath: root + "/" + name)
        }
    }
}
