#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX wrappers that retry EINTR and turn failures into `BlobStoreError.io`.
enum POSIXFile {
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw BlobStoreError.io(operation: "open", path: path, errno: errno)
        }
    }

    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// Writes every byte, looping over short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw BlobStoreError.io(operation: "write", path: path, errno: errno)
            }
            pointer += written
            remaining -= written
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    static func readChunk(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = read(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw BlobStoreError.io(operation: "read", path: path, errno: errno)
        }
    }

    static func sync(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw BlobStoreError.io(operation: "fsync", path: path, errno: errno)
        }
    }

    /// Makes a directory's entries (new names, renames) durable.
    static func fsyncDirectory(_ path: String) throws {
        let fd = try openFile(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: path)
    }

    static func move(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else {
            throw BlobStoreError.io(operation: "rename to \(to)", path: from, errno: errno)
        }
    }

    /// Removes a file; a missing file is not an error.
    static func unlinkIfPresent(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw BlobStoreError.io(operation: "unlink", path: path, errno: errno)
        }
    }

    /// `lstat`, or nil when the path does not exist.
    static func status(_ path: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw BlobStoreError.io(operation: "lstat", path: path, errno: errno)
    }

    static func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }
    static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }

    /// Creates a directory if missing; returns true when it was created.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws -> Bool {
        if mkdir(path, mode) == 0 { return true }
        if errno == EEXIST, let info = try status(path), isDirectory(info) { return false }
        throw BlobStoreError.io(operation: "mkdir", path: path, errno: errno)
    }

    /// Canonical absolute path with symlinks resolved.
    static func realPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else {
            throw BlobStoreError.io(operation: "realpath", path: path, errno: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Names in a directory, without "." and "..".
    static func entries(of directory: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            throw BlobStoreError.io(operation: "opendir", path: directory, errno: errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file or a whole directory tree (never following symlinks).
    static func removeTree(_ path: String) throws {
        guard let info = try status(path) else { return }
        if isDirectory(info) {
            for name in try entries(of: path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else {
                throw BlobStoreError.io(operation: "rmdir", path: path, errno: errno)
            }
        } else {
            try unlinkIfPresent(path)
        }
    }
}
