/// One central-directory record of a ZIP archive (APPNOTE.TXT §4.3.12).
struct ZipEntry: Sendable, Equatable {
    /// The name exactly as stored (decoded as UTF-8, or Latin-1 when it is not valid UTF-8).
    let rawName: String
    /// High byte of "version made by": 0 = MS-DOS/FAT, 3 = Unix, 10 = NTFS, 19 = OS X.
    let hostSystem: UInt8
    let flags: UInt16
    let method: UInt16
    let crc32: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    let localHeaderOffset: UInt64
    let externalAttributes: UInt32

    static let stored: UInt16 = 0
    static let deflated: UInt16 = 8

    var isEncrypted: Bool { flags & 0x0001 != 0 }

    /// Unix hosts keep `st_mode` in the high 16 bits of the external attributes; that is where
    /// a hook's execute bit survives — or is missing when the archiver did not record it.
    var hostIsUnix: Bool { hostSystem == 3 || hostSystem == 19 }

    var unixMode: UInt32? {
        let mode = externalAttributes >> 16
        return hostIsUnix && mode != 0 ? mode : nil
    }

    /// MS-DOS attribute byte, bit 4 = directory.
    var dosDirectory: Bool { externalAttributes & 0x10 != 0 }
}
