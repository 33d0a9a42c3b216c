/// CRC-32C (Castagnoli) as S3 computes it (`x-amz-checksum-crc32c`): reflected polynomial 0x82F63B78,
/// initial value and final XOR 0xFFFFFFFF. Check value: CRC32C("123456789") = 0xE3069283.
public struct CRC32C: ChecksumHasher {
    private static let tables = CRC32Slicing.makeTables(reflectedPolynomial: UInt32(0x82F6_3B78))
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
