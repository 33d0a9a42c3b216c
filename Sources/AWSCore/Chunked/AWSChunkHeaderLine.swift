/// Parses one chunk-size line of an `aws-chunked` body (CRLF already removed):
/// `hex` when unsigned, `hex;chunk-signature=<sig>` when signed.
///
/// S3 tolerates spaces around `;` and `=`; it answers `IncompleteBody` to a missing or empty signature
/// and to a parameter after it, but `SignatureDoesNotMatch` to a parameter before it, so such a line
/// yields its whole extension as the (wrong) signature.
struct AWSChunkHeaderLine {
    var size: Int64
    /// The signature as sent; nil for unsigned chunks.
    var signature: String?

    private static let semicolon = UInt8(ascii: ";")
    private static let equals = UInt8(ascii: "=")
    /// Hex digits of a chunk size: enough for any Int64.
    private static let maximumSignificantDigits = 16

    static func parse(_ line: [UInt8], signed: Bool) throws(AWSChunkedError) -> AWSChunkHeaderLine {
        guard signed else {
            return AWSChunkHeaderLine(size: try parseSize(line[...]), signature: nil)
        }
        guard let semicolon = line.firstIndex(of: semicolon) else { throw .incompleteBody }
        let size = try parseSize(line[..<semicolon])
        let extensionBytes = line[(semicolon + 1)...]
        let parameters = extensionBytes.split(separator: Self.semicolon, omittingEmptySubsequences: false)
        guard let first = parameters.first, let equals = first.firstIndex(of: equals) else {
            throw .incompleteBody
        }
        let name = trim(first[..<equals])
        let value = trim(first[(equals + 1)...])
        guard name.elementsEqual("chunk-signature".utf8) else {
            return AWSChunkHeaderLine(size: size, signature: String(decoding: extensionBytes, as: UTF8.self))
        }
        guard !value.isEmpty, parameters.count == 1 else { throw .incompleteBody }
        return AWSChunkHeaderLine(size: size, signature: String(decoding: value, as: UTF8.self))
    }

    /// A hex chunk size, surrounding blanks allowed; anything else, or a value past Int64, is malformed.
    private static func parseSize(_ field: ArraySlice<UInt8>) throws(AWSChunkedError) -> Int64 {
        let digits = trim(field)
        guard !digits.isEmpty else { throw .incompleteBody }
        var value: UInt64 = 0
        var significant = 0
        for byte in digits {
            guard let nibble = Hex.value(of: byte) else { throw .incompleteBody }
            if value == 0 && nibble == 0 { continue }
            significant += 1
            guard significant <= maximumSignificantDigits else { throw .incompleteBody }
            value = value << 4 | UInt64(nibble)
        }
        guard value <= UInt64(Int64.max) else { throw .incompleteBody }
        return Int64(value)
    }

    /// Drops spaces and tabs at both ends.
    static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let start = bytes.firstIndex(where: { !isBlank($0) }),
            let end = bytes.lastIndex(where: { !isBlank($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[start...end]
    }
}
