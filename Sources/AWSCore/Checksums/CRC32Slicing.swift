/// Table-driven reflected CRC (slicing-by-8): the update loop of `CRC32` and `CRC32C`, which differ only in
/// their polynomial. Eight tables let the loop consume eight bytes per step instead of one.
enum CRC32Slicing {
    /// Builds the 8 × 256 lookup tables for a reflected polynomial, flattened: table k starts at
    /// k * 256. Generic because CRC64NVME builds its tables the same way.
    static func makeTables<Register: FixedWidthInteger & UnsignedInteger>(reflectedPolynomial: Register) -> [Register] {
        var tables = [Register](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var crc = Register(index)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1
            }
            tables[index] = crc
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }

    /// Advances the (pre-inverted) CRC register over `bytes`.
    static func update(_ register: UInt32, with bytes: UnsafeRawBufferPointer, tables: [UInt32]) -> UInt32 {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return register }
        var crc = register
        var remaining = bytes.count
        tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let one = UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self)) ^ crc
                let two = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                crc =
                    table[7 * 256 + Int(one & 0xFF)] ^ table[6 * 256 + Int((one >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((one >> 16) & 0xFF)] ^ table[4 * 256 + Int(one >> 24)]
                    ^ table[3 * 256 + Int(two & 0xFF)] ^ table[2 * 256 + Int((two >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((two >> 16) & 0xFF)] ^ table[Int(two >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        return crc
    }
}
