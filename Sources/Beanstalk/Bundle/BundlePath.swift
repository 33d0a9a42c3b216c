/// Entry names as a customer's archive spells them, turned into safe relative paths.
///
/// Hostile names are refused rather than silently rewritten (Info-ZIP's `unzip` strips `..`
/// and leading `/` with a warning; we stop instead, because a bundle that needs rewriting is
/// itself the finding a support engineer wants to see).
enum BundlePath {
    /// Returns the entry's path with `.` and empty segments removed, or nil for the bundle root
    /// itself (an entry named `./`). `directoryHint` is true when the name ends with `/`.
    static func normalise(_ rawName: String, backslashIsSeparator: Bool) throws(BundleError) -> (
        path: String, directoryHint: Bool
    )? {
        if rawName.isEmpty || rawName.contains("\0") {
            throw .invalidEntryName(entry: rawName)
        }
        // Archives written on Windows (FAT/NTFS hosts) may use `\`; unzip converts it for them.
        let name = backslashIsSeparator ? rawName.replacingOccurrences(of: "\\", with: "/") : rawName
        if name.hasPrefix("/") || (backslashIsSeparator && hasDriveLetter(name)) {
            throw .absolutePath(entry: rawName)
        }
        let directoryHint = name.hasSuffix("/")
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { throw .parentTraversal(entry: rawName) }
            parts.append(part)
        }
        if parts.isEmpty { return nil }
        return (parts.joined(separator: "/"), directoryHint)
    }

    private static func hasDriveLetter(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[1] == ":" else { return false }
        return scalars[0].isASCII && scalars[0].properties.isAlphabetic
    }

    /// Every proper ancestor of a relative path: `a/b/c` → `a`, `a/b`.
    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        let parts = path.split(separator: "/")
        for part in parts.dropLast() {
            current = current.isEmpty ? String(part) : current + "/" + part
            result.append(current)
        }
        return result
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
