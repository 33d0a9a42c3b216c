/// Base64 decoding with the rules of Go's `base64.StdEncoding.DecodeString`, which both docker
/// and the ECS agent use for the `auth` field: standard alphabet, padding required, `\r` and
/// `\n` ignored, anything else refused with the offset of the offending byte.
enum GoBase64 {
    struct CorruptInput: Error, Equatable {
        let offset: Int
        var message: String { "illegal base64 data at input byte \(offset)" }
    }

    static func decode(_ text: String) throws(CorruptInput) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var quantum: [UInt8] = []
        var quantumStart = 0
        var padding = 0
        for (offset, byte) in input.enumerated() {
            if byte == 0x0A || byte == 0x0D { continue }
            if quantum.isEmpty { quantumStart = offset }
            if byte == UInt8(ascii: "=") {
                // Padding may only complete the third or fourth character of a quantum.
                guard quantum.count >= 2 else { throw CorruptInput(offset: offset) }
                padding += 1
                quantum.append(0)
            } else {
                guard padding == 0, let value = value(of: byte) else { throw CorruptInput(offset: offset) }
                quantum.append(value)
            }
            if quantum.count == 4 {
                let bits =
                    UInt32(quantum[0]) << 18 | UInt32(quantum[1]) << 12 | UInt32(quantum[2]) << 6 | UInt32(quantum[3])
                let bytes = [UInt8(bits >> 16 & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits & 0xFF)]
                output.append(contentsOf: bytes.prefix(3 - padding))
                quantum = []
                if padding > 0 {
                    // Nothing but line breaks may follow padding.
                    if let extra = input[(offset + 1)...].firstIndex(where: { $0 != 0x0A && $0 != 0x0D }) {
                        throw CorruptInput(offset: extra)
                    }
                    return output
                }
            }
        }
        if !quantum.isEmpty { throw CorruptInput(offset: quantumStart) }
        return output
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let bits =
                UInt32(chunk[0]) << 16 | UInt32(chunk.count > 1 ? chunk[1] : 0) << 8
                | UInt32(chunk.count > 2 ? chunk[2] : 0)
            output.append(alphabet[Int(bits >> 18 & 63)])
            output.append(alphabet[Int(bits >> 12 & 63)])
            output.append(chunk.count > 1 ? alphabet[Int(bits >> 6 & 63)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(bits & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
