/// CRC-64/NVME as S3 computes it (`x-amz-checksum-crc64nvme`, the default checksum of new objects):
/// reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones.
/// Check value: CRC64NVME("123456789") = 0xAE8B14860A799888. Slicing-by-8 table lookup.
public struct CRC64NVME: ChecksumHasher {
    private static let tables = CRC32Slicing.makeTables(reflectedPolynomial: UInt64(0x9A6C_9329_AC4B_C9B5))
    private var register: UInt64 = ~0

    public init() {}

    /// The CRC of every byte fed so far.
    public var value: UInt64 { ~register }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return }
        var crc = register
        var remaining = bytes.count
        Self.tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)) ^ crc
                crc =
                    table[7 * 256 + Int(word & 0xFF)] ^ table[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((word >> 16) & 0xFF)] ^ table[4 * 256 + Int((word >> 24) & 0xFF)]
                    ^ table[3 * 256 + Int((word >> 32) & 0xFF)] ^ table[2 * 256 + Int((word >> 40) & 0xFF)]
                    ^ table[1 * 256 + Int((word >> 48) & 0xFF)] ^ table[Int(word >> 56)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                crc = table[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        register = crc
    }

    public func finalize() -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
