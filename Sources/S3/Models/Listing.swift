/// One page of a key listing (ListObjects, ListObjectsV2): keys after a marker, folded into
/// common prefixes at the delimiter, at most `maxKeys` entries (keys plus prefixes).
struct ListingPage<Entry> {
    var contents: [Entry] = []
    var commonPrefixes: [String] = []
    var isTruncated = false
    /// The last key or common prefix returned: where the next page starts.
    var lastReturned: String?
}

enum Listing {
    static let defaultMaxKeys = 1000
    static let batchSize = 1000

    /// - Parameter fetch: entries whose key is `>= prefix` and `> after` (when given), in byte
    ///   order, at most `limit` of them.
    static func page<Entry>(
        prefix: String, delimiter: String?, marker: String?, maxKeys: Int, batchSize: Int = batchSize,
        key: (Entry) -> String, fetch: (_ after: String?, _ limit: Int) throws -> [Entry]
    ) rethrows -> ListingPage<Entry> {
        var page = ListingPage<Entry>()
        guard maxKeys > 0 else { return page }
        let delimiter = delimiter.flatMap { $0.isEmpty ? nil : $0 }
        var cursor = marker
        var count = 0
        while true {
            let batch = try fetch(cursor, batchSize)
            if batch.isEmpty { return page }
            var jumped = false
            for entry in batch {
                let name = key(entry)
                guard Bytewise.hasPrefix(name, prefix) else { return page }
                cursor = name
                if let delimiter, let common = Bytewise.commonPrefix(of: name, prefix: prefix, delimiter: delimiter) {
                    // Keys under a prefix already returned (on this page or, via the marker, an
                    // earlier one) are skipped in one jump.
                    let alreadyReturned =
                        page.commonPrefixes.last.map { Bytewise.equal($0, common) } ?? false
                        || marker.map { Bytewise.lessOrEqual(common, $0) } ?? false
                    if !alreadyReturned {
                        if count == maxKeys {
                            page.isTruncated = true
                            return page
                        }
                        page.commonPrefixes.append(common)
                        page.lastReturned = common
                        count += 1
                    }
                    cursor = Bytewise.after(prefix: common)
                    jumped = true
                    break
                }
                if count == maxKeys {
                    page.isTruncated = true
                    return page
                }
                page.contents.append(entry)
                page.lastReturned = name
                count += 1
            }
            if !jumped && batch.count < batchSize { return page }
        }
    }
}
