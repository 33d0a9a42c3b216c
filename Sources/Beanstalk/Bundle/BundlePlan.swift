/// What staging will create, worked out and checked in full before the first byte is written:
/// names, duplicates, files that would need to be folders, links and where they lead, sizes.
struct BundlePlan {
    enum Content {
        case zip(ZipEntry)
        case disk(path: String)
    }

    enum Kind {
        case file(Content, declaredSize: UInt64)
        case directory
        case symlink(target: String)
    }

    struct Entry {
        let path: String
        let kind: Kind
        let mode: UInt16
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var order: [String] = []

    mutating func add(_ entry: Entry) throws(BundleError) {
        if entries[entry.path] != nil { throw .duplicateEntry(path: entry.path) }
        entries[entry.path] = entry
        order.append(entry.path)
    }

    /// Checks the plan as a whole and adds the folders entries only imply.
    mutating func validate(limits: BundleLimits) throws(BundleError) {
        if order.count > limits.maxEntries {
            throw .tooManyEntries(count: order.count, limit: limits.maxEntries)
        }
        var links: [String: String] = [:]
        var total: UInt64 = 0
        for path in order {
            guard let entry = entries[path] else { continue }
            switch entry.kind {
            case .symlink(let target): links[path] = target
            case .file(_, let size):
                if size > limits.maxEntrySize { throw .entryTooLarge(entry: path, limit: limits.maxEntrySize) }
                total += size
                if total > limits.maxTotalSize { throw .bundleTooLarge(limit: limits.maxTotalSize) }
            case .directory: break
            }
        }
        var implied: [String] = []
        for path in order {
            for ancestor in BundlePath.ancestors(of: path) {
                switch entries[ancestor]?.kind {
                case .file: throw .conflictingEntry(path: path, file: ancestor)
                case .symlink: throw .entryInsideSymlink(entry: path, link: ancestor)
                case .directory: continue
                case nil:
                    entries[ancestor] = Entry(path: ancestor, kind: .directory, mode: 0o755)
                    implied.append(ancestor)
                }
            }
        }
        order.append(contentsOf: implied)
        let resolver = SymlinkResolver(links: links)
        for (path, target) in links.sorted(by: { $0.key < $1.key }) {
            switch resolver.check(link: path) {
            case .inside: continue
            case .escapes: throw .symlinkEscapes(entry: path, target: target)
            case .loop: throw .symlinkLoop(entry: path)
            }
        }
    }
}
