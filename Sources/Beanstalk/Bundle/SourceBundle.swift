import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a source bundle — a `.zip` or a folder, exactly as the customer uploads it — and
/// extracts it into a staging directory the caller owns.
///
/// Everything is checked before anything is written; if writing still fails (an entry bigger
/// than it declared, a bad checksum), what was written is removed again. Nothing outside the
/// staging directory is created, followed or changed: links are created last, after every file,
/// and only when they resolve inside the bundle.
public enum SourceBundle {
    public static func stage(
        _ source: String, into staging: String, limits: BundleLimits = .default
    ) throws(BundleError) -> StagedBundle {
        var info = stat()
        guard lstat(source, &info) == 0 else {
            if errno == ENOENT { throw .sourceNotFound(path: source) }
            throw .io(path: source, reason: String(cString: strerror(errno)))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            let plan = try FolderPlanner.plan(folder: source, limits: limits)
            return try Stager(plan: plan, archive: nil, root: staging, limits: limits)
                .run(source: .folder(path: source))
        }
        let archive = try ZipArchive(path: source, limits: limits)
        let plan = try ZipPlanner.plan(archive, limits: limits)
        return try Stager(plan: plan, archive: archive, root: staging, limits: limits)
            .run(source: .zip(path: source))
    }
}

/// Builds a plan from a ZIP's central directory.
enum ZipPlanner {
    static func plan(_ archive: ZipArchive, limits: BundleLimits) throws(BundleError) -> BundlePlan {
        var plan = BundlePlan()
        for entry in archive.entries {
            if entry.isEncrypted { throw .encryptedEntry(entry: entry.rawName) }
            guard
                let (path, directoryHint) = try BundlePath.normalise(
                    entry.rawName, backslashIsSeparator: !entry.hostIsUnix)
            else { continue }
            let mode = entry.unixMode
            let type = (mode ?? 0) & UInt32(S_IFMT)
            let kind: BundlePlan.Kind
            if type == UInt32(S_IFLNK) {
                try requireSupportedMethod(entry, path)
                // Link targets are a few bytes; anything bigger is not a real link.
                let target = try EntryWriter.contents(entry, name: path, from: archive, limit: 4096)
                guard let text = String(validating: target, as: UTF8.self), !text.isEmpty, !text.contains("\0") else {
                    throw .invalidEntryName(entry: entry.rawName)
                }
                kind = .symlink(target: text)
            } else if type == UInt32(S_IFDIR) || directoryHint || (mode == nil && entry.dosDirectory) {
                kind = .directory
            } else if type == UInt32(S_IFREG) || type == 0 {
                try requireSupportedMethod(entry, path)
                kind = .file(.zip(entry), declaredSize: entry.uncompressedSize)
            } else {
                throw .unsupportedEntryType(entry: entry.rawName)
            }
            try plan.add(permissions(mode: mode, kind: kind, path: path))
        }
        try plan.validate(limits: limits)
        return plan
    }

    /// Info-ZIP `unzip` restores the archived permission bits (never setuid/setgid/sticky) and
    /// falls back to its umask defaults when the archive has none (archives made on Windows).
    private static func permissions(mode: UInt32?, kind: BundlePlan.Kind, path: String) -> BundlePlan.Entry {
        let bits: UInt16
        switch kind {
        case .symlink: bits = 0o777
        case .directory: bits = mode.map { UInt16($0 & 0o777) } ?? 0o755
        case .file: bits = mode.map { UInt16($0 & 0o777) } ?? 0o644
        }
        return BundlePlan.Entry(path: path, kind: kind, mode: bits)
    }

    private static func requireSupportedMethod(_ entry: ZipEntry, _ path: String) throws(BundleError) {
        if entry.method != ZipEntry.stored && entry.method != ZipEntry.deflated {
            throw .unsupportedCompression(entry: path, method: entry.method)
        }
    }
}

/// Builds a plan from a folder on disk, without following links.
enum FolderPlanner {
    static func plan(folder: String, limits: BundleLimits) throws(BundleError) -> BundlePlan {
        var plan = BundlePlan()
        try walk(folder, relative: "", into: &plan, limits: limits)
        try plan.validate(limits: limits)
        return plan
    }

    private static func walk(_ base: String, relative: String, into plan: inout BundlePlan, limits: BundleLimits)
        throws(BundleError)
    {
        let directory = relative.isEmpty ? base : base + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .io(path: directory, reason: "cannot list the folder")
        }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let absolute = base + "/" + path
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                throw .io(path: absolute, reason: String(cString: strerror(errno)))
            }
            let mode = UInt16(info.st_mode & 0o777)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try plan.add(.init(path: path, kind: .directory, mode: mode))
                if plan.order.count > limits.maxEntries {
                    throw .tooManyEntries(count: plan.order.count, limit: limits.maxEntries)
                }
                try walk(base, relative: path, into: &plan, limits: limits)
            case S_IFREG:
                try plan.add(
                    .init(
                        path: path, kind: .file(.disk(path: absolute), declaredSize: UInt64(info.st_size)), mode: mode))
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: 4097)
                let n = readlink(absolute, &buffer, 4096)
                guard n > 0 else { throw .io(path: absolute, reason: String(cString: strerror(errno))) }
                let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                try plan.add(.init(path: path, kind: .symlink(target: target), mode: 0o777))
            default:
                throw .unsupportedEntryType(entry: path)
            }
        }
    }
}
