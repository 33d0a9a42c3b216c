/// Reads a ZIP archive's central directory: the authoritative list of entries, with the sizes,
/// checksums and attributes the local headers may omit (data-descriptor archives).
///
/// Supports ZIP64 (sizes and offsets past 4 GiB, more than 65,535 entries). Refuses spanned
/// archives. Never trusts a field without checking it against the file's real size.
struct ZipArchive {
    let file: ArchiveFile
    let entries: [ZipEntry]

    private static let endOfCentralDirectory: UInt32 = 0x0605_4b50
    private static let zip64Locator: UInt32 = 0x0706_4b50
    private static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4b50
    private static let centralHeader: UInt32 = 0x0201_4b50
    private static let localHeader: UInt32 = 0x0403_4b50

    init(path: String, limits: BundleLimits) throws(BundleError) {
        let file = try ArchiveFile(path: path)
        if file.size > limits.maxArchiveSize {
            throw .archiveTooLarge(size: file.size, limit: limits.maxArchiveSize)
        }
        self.file = file
        self.entries = try Self.readCentralDirectory(file, limits: limits)
    }

    /// Offset of an entry's data, found through its local header (whose name and extra field
    /// lengths may differ from the central record's).
    func dataOffset(of entry: ZipEntry) throws(BundleError) -> UInt64 {
        let header = ByteReader(bytes: try file.read(at: entry.localHeaderOffset, count: 30))
        guard header.u32(0) == Self.localHeader else {
            throw .corruptArchive(reason: "the local header of '\(entry.rawName)' is missing")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard start <= file.size, entry.compressedSize <= file.size - start else {
            throw .corruptArchive(reason: "the data of '\(entry.rawName)' runs past the end of the file")
        }
        return start
    }

    private static func readCentralDirectory(
        _ file: ArchiveFile, limits: BundleLimits
    ) throws(BundleError) -> [ZipEntry] {
        let location = try locateCentralDirectory(file)
        if location.entryCount > UInt64(limits.maxEntries) {
            throw .tooManyEntries(count: Int(clamping: location.entryCount), limit: limits.maxEntries)
        }
        guard location.offset <= file.size, location.size <= file.size - location.offset else {
            throw .corruptArchive(reason: "the central directory lies outside the file")
        }
        let directory = ByteReader(bytes: try file.read(at: location.offset, count: Int(location.size)))
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(location.entryCount))
        var at = 0
        for _ in 0..<location.entryCount {
            let (entry, end) = try readCentralRecord(directory, at: at, number: entries.count + 1)
            entries.append(entry)
            at = end
        }
        return entries
    }

    /// Where the central directory lies and how many records it holds.
    private struct DirectoryLocation {
        var entryCount: UInt64
        var size: UInt64
        var offset: UInt64
    }

    /// The location the end of central directory record gives (found by scanning back over the
    /// comment), or its ZIP64 counterpart's when a ZIP64 locator precedes the end record.
    private static func locateCentralDirectory(_ file: ArchiveFile) throws(BundleError) -> DirectoryLocation {
        guard file.size >= 22 else { throw .notAZipArchive(path: file.path) }
        // The end record is 22 bytes plus a comment of at most 65,535 bytes.
        let tailLength = Int(min(file.size, 22 + 65_535))
        let tailStart = file.size - UInt64(tailLength)
        let tail = try file.read(at: tailStart, count: tailLength)
        var eocdIndex: Int?
        var index = tail.count - 22
        while index >= 0 {
            if ByteReader(bytes: tail).u32(index) == endOfCentralDirectory {
                eocdIndex = index
                break
            }
            index -= 1
        }
        guard let eocd = eocdIndex else { throw .notAZipArchive(path: file.path) }
        let record = ByteReader(bytes: Array(tail[eocd..<min(tail.count, eocd + 22)]))
        if record.u16(4) != 0 || record.u16(6) != 0 { throw .multiDiskArchive }
        let location = DirectoryLocation(
            entryCount: UInt64(record.u16(10)), size: UInt64(record.u32(12)), offset: UInt64(record.u32(16)))
        return try zip64Location(file, endRecordOffset: tailStart + UInt64(eocd)) ?? location
    }

    /// The ZIP64 end of central directory record's location, when a ZIP64 locator sits just
    /// before the end record; nil for a classic archive.
    private static func zip64Location(
        _ file: ArchiveFile, endRecordOffset: UInt64
    ) throws(BundleError) -> DirectoryLocation? {
        guard endRecordOffset >= 20 else { return nil }
        let locator = ByteReader(bytes: try file.read(at: endRecordOffset - 20, count: 20))
        guard locator.u32(0) == zip64Locator else { return nil }
        let zip64 = ByteReader(bytes: try file.read(at: locator.u64(8), count: 56))
        guard zip64.u32(0) == zip64EndOfCentralDirectory else {
            throw .corruptArchive(reason: "the ZIP64 end of central directory record is missing")
        }
        if zip64.u32(16) != 0 || zip64.u32(20) != 0 { throw .multiDiskArchive }
        return DirectoryLocation(entryCount: zip64.u64(32), size: zip64.u64(40), offset: zip64.u64(48))
    }

    /// The central directory record at `at` (the `number`th), and where the next one starts.
    private static func readCentralRecord(
        _ directory: ByteReader, at: Int, number: Int
    ) throws(BundleError) -> (entry: ZipEntry, end: Int) {
        guard at + 46 <= directory.bytes.count, directory.u32(at) == centralHeader else {
            throw .corruptArchive(reason: "central directory record \(number) is malformed")
        }
        let nameLength = Int(directory.u16(at + 28))
        let extraLength = Int(directory.u16(at + 30))
        let commentLength = Int(directory.u16(at + 32))
        let end = at + 46 + nameLength + extraLength + commentLength
        guard end <= directory.bytes.count else {
            throw .corruptArchive(reason: "central directory record \(number) is truncated")
        }
        let flags = directory.u16(at + 8)
        let nameBytes = Array(directory.bytes[(at + 46)..<(at + 46 + nameLength)])
        var compressed = UInt64(directory.u32(at + 20))
        var uncompressed = UInt64(directory.u32(at + 24))
        var localOffset = UInt64(directory.u32(at + 42))
        if directory.u16(at + 34) != 0 { throw .multiDiskArchive }
        let extra = Array(directory.bytes[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)])
        try applyZip64Extra(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &localOffset)
        let entry = ZipEntry(
            rawName: decodeName(nameBytes, utf8Flag: flags & 0x0800 != 0),
            hostSystem: UInt8(directory.u16(at + 4) >> 8),
            flags: flags,
            method: directory.u16(at + 10),
            crc32: directory.u32(at + 16),
            compressedSize: compressed,
            uncompressedSize: uncompressed,
            localHeaderOffset: localOffset,
            externalAttributes: directory.u32(at + 38)
        )
        return (entry, end)
    }

    /// ZIP64 extended information (header id 0x0001): each 8-byte field is present only when the
    /// matching 32-bit field holds 0xFFFFFFFF, in the order uncompressed, compressed, offset.
    private static func applyZip64Extra(
        _ extra: [UInt8], uncompressed: inout UInt64, compressed: inout UInt64, offset: inout UInt64
    ) throws(BundleError) {
        let reader = ByteReader(bytes: extra)
        var at = 0
        while at + 4 <= extra.count {
            let id = reader.u16(at)
            let size = Int(reader.u16(at + 2))
            guard at + 4 + size <= extra.count else { return }
            if id == 0x0001 {
                var field = at + 4
                let end = at + 4 + size
                for slot in 0..<3 {
                    let needs =
                        switch slot {
                        case 0: uncompressed == 0xFFFF_FFFF
                        case 1: compressed == 0xFFFF_FFFF
                        default: offset == 0xFFFF_FFFF
                        }
                    guard needs else { continue }
                    guard field + 8 <= end else {
                        throw .corruptArchive(reason: "a ZIP64 extra field is too short")
                    }
                    let value = reader.u64(field)
                    switch slot {
                    case 0: uncompressed = value
                    case 1: compressed = value
                    default: offset = value
                    }
                    field += 8
                }
            }
            at += 4 + size
        }
    }

    /// Names are UTF-8 when flag bit 11 says so; most archivers write UTF-8 without the flag, so
    /// UTF-8 is tried first and Latin-1 (close to the CP437 default for plain ASCII) otherwise.
    private static func decodeName(_ bytes: [UInt8], utf8Flag: Bool) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
