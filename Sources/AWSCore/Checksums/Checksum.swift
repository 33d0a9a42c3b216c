import Crypto

/// An incremental hasher for any `ChecksumAlgorithm`, chosen at run time from a header or trailer name.
///
/// SHA-1 and SHA-256 come from swift-crypto; the CRCs are the table-driven types in this folder.
/// `@unchecked Sendable` because swift-crypto's hashers are not marked Sendable on Linux although they
/// are copy-on-write values: a copy sent elsewhere never shares mutable state with the original.
public struct Checksum: ChecksumHasher, @unchecked Sendable {
    public let algorithm: ChecksumAlgorithm
    // One field per family rather than an enum with payloads: swapping a swift-crypto hasher in and out
    // of an enum case would copy its context on every update.
    private var crc32 = CRC32()
    private var crc32c = CRC32C()
    private var crc64nvme = CRC64NVME()
    private var sha1: Insecure.SHA1?
    private var sha256: SHA256?

    public init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha1: sha1 = Insecure.SHA1()
        case .sha256: sha256 = SHA256()
        case .crc32, .crc32c, .crc64nvme: break
        }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch algorithm {
        case .crc32: crc32.update(bytes)
        case .crc32c: crc32c.update(bytes)
        case .crc64nvme: crc64nvme.update(bytes)
        case .sha1: sha1?.update(bufferPointer: bytes)
        case .sha256: sha256?.update(bufferPointer: bytes)
        }
    }

    public func finalize() -> [UInt8] {
        switch algorithm {
        case .crc32: crc32.finalize()
        case .crc32c: crc32c.finalize()
        case .crc64nvme: crc64nvme.finalize()
        case .sha1: sha1.map { Array($0.finalize()) } ?? []
        case .sha256: sha256.map { Array($0.finalize()) } ?? []
        }
    }

    /// The digest of `bytes` in one call.
    public static func digest(_ algorithm: ChecksumAlgorithm, of bytes: [UInt8]) -> [UInt8] {
        var hasher = Checksum(algorithm)
        hasher.update(bytes)
        return hasher.finalize()
    }
}
