/// CRC-32 as zlib and S3 compute it (`x-amz-checksum-crc32`): reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF. Check value: CRC32("123456789") = 0xCBF43926.
public struct CRC32: ChecksumHasher {
    private static let tables = CRC32Slicing.makeTables(reflectedPolynomial: UInt32(0xEDB8_8320))
    private var register: UInt32 = 0xFFFF_FFFF

    public init() {}

    /// The CRC of every byte fed so far.
    public var value: UInt32 { ~register }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        register = CRC32Slicing.update(register, with: bytes, tables: Self.tables)
    }

    public func finalize() -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
