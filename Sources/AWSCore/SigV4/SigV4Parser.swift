/// Reads a SigV4 signature out of an Authorization header or presigned query parameters.
public enum SigV4Parser {
    /// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`
    public static func parseHeader(_ authorization: String) throws(SigV4Error) -> SigV4Signature {
        // Every header an SDK sends is ASCII: scanned as bytes in one pass. Anything else takes
        // the String path, whose Unicode-aware prefix and splitting rules stay the reference.
        guard let fields = AuthorizationFields(ascii: authorization) else { return try parseHeaderText(authorization) }
        guard fields.hasAlgorithm else { throw .unsupportedAlgorithm(authorization) }
        var missing: [String] = []
        if fields.credential?.isEmpty ?? true { missing.append("Credential") }
        if fields.signature?.isEmpty ?? true { missing.append("Signature") }
        if !fields.hasSignedHeaders { missing.append("SignedHeaders") }
        guard missing.isEmpty, let credentialText = fields.credential, let signature = fields.signature else {
            throw .incompleteSignature(missing: missing, authorization: authorization)
        }
        guard let credential = SigV4Credential.parse(credentialText) else {
            throw .malformedCredential(credentialText)
        }
        return SigV4Signature(
            credential: credential, signedHeaders: fields.signedHeaders, signature: signature, location: .header)
    }

    /// The reference parser, by Unicode text; used for headers that are not pure ASCII.
    static func parseHeaderText(_ authorization: String) throws(SigV4Error) -> SigV4Signature {
        guard authorization.hasPrefix(SigV4Signature.algorithm + " ") else {
            throw .unsupportedAlgorithm(authorization)
        }
        var credentialText: Substring?, signedHeadersText: Substring?, signatureText: Substring?
        let utf8 = authorization.utf8
        for part in ASCII.split(
            authorization[...].dropFirst(SigV4Signature.algorithm.utf8.count + 1), on: UInt8(ascii: ","))
        {
            let trimmed = ASCII.trim(part, UInt8(ascii: " "))
            guard let equals = trimmed.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let value = trimmed[utf8.index(after: equals)...]
            switch trimmed[..<equals] {
            case "Credential": credentialText = value
            case "SignedHeaders": signedHeadersText = value
            case "Signature": signatureText = value
            default: continue
            }
        }
        var missing: [String] = []
        if credentialText?.isEmpty ?? true { missing.append("Credential") }
        if signatureText?.isEmpty ?? true { missing.append("Signature") }
        if signedHeadersText?.isEmpty ?? true { missing.append("SignedHeaders") }
        guard missing.isEmpty, let credentialText, let signedHeadersText, let signatureText else {
            throw .incompleteSignature(missing: missing, authorization: authorization)
        }
        guard let credential = SigV4Credential.parse(String(credentialText)) else {
            throw .malformedCredential(String(credentialText))
        }
        return SigV4Signature(
            credential: credential,
            signedHeaders: ASCII.split(signedHeadersText, on: UInt8(ascii: ";")).map(String.init),
            signature: String(signatureText), location: .header)
    }

    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Signature` in the query string.
    public static func parseQuery(_ query: QueryItems) throws(SigV4Error) -> SigV4Signature {
        let names = [
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Expires",
        ]
        guard names.allSatisfy({ !(query[$0] ?? "").isEmpty }) else { throw .presignedIncomplete }
        guard query["X-Amz-Algorithm"] == SigV4Signature.algorithm else {
            throw .unsupportedAlgorithm(query["X-Amz-Algorithm"]!)
        }
        guard let expires = Int(query["X-Amz-Expires"]!), expires >= 0 else { throw .invalidExpires }
        guard expires <= 604_800 else { throw .presignedExpiresTooLong }
        guard let credential = SigV4Credential.parse(query["X-Amz-Credential"]!) else {
            throw .malformedCredential(query["X-Amz-Credential"]!)
        }
        return SigV4Signature(
            credential: credential,
            signedHeaders: ASCII.split(query["X-Amz-SignedHeaders"]![...], on: UInt8(ascii: ";")).map(String.init),
            signature: query["X-Amz-Signature"]!, location: .query(expires: expires))
    }

    /// Whether the query string carries a presigned signature at all.
    public static func isPresigned(_ query: QueryItems) -> Bool {
        query.contains("X-Amz-Signature") || query.contains("X-Amz-Credential") || query.contains("X-Amz-Algorithm")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var view = Substring(self)
        while view.first == set { view.removeFirst() }
        while view.last == set { view.removeLast() }
        return String(view)
    }
}

/// Splitting and trimming on ASCII delimiters by UTF-8 byte, without grapheme breaking.
enum ASCII {
    /// The non-empty pieces between `separator` bytes (as `split(separator:)` omits empty ones).
    static func split(_ text: Substring, on separator: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        var pieces: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                if !omittingEmpty || start != index { pieces.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if !omittingEmpty || start != index { pieces.append(text[start..<index]) }
        return pieces
    }

    /// `text` without leading and trailing `byte`s.
    static func trim(_ text: Substring, _ byte: UInt8) -> Substring {
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start != end, utf8[start] == byte { start = utf8.index(after: start) }
        while start != end, utf8[utf8.index(before: end)] == byte { end = utf8.index(before: end) }
        return text[start..<end]
    }
}

/// The three fields of an ASCII Authorization header, found in one pass over its bytes with the
/// same rules as `SigV4Parser.parseHeaderText`: comma-separated parts, spaces trimmed, the
/// first `=` splits name from value, a later part of the same name wins, empty parts are skipped.
struct AuthorizationFields {
    var hasAlgorithm = false
    var credential: String?
    var signature: String?
    /// Whether the last `SignedHeaders=` had a value (even one of only `;`).
    var hasSignedHeaders = false
    /// Non-empty names between `;`, in order.
    var signedHeaders: [String] = []

    /// Nil when `header` has a non-ASCII byte.
    init?(ascii header: String) {
        var header = header
        guard let parsed = header.withUTF8({ Self.scan($0) }) else { return nil }
        self = parsed
    }

    private init() {}

    private static let prefix = Array((SigV4Signature.algorithm + " ").utf8)

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> AuthorizationFields? {
        var fields = AuthorizationFields()
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        guard bytes.count >= prefix.count, prefix.indices.allSatisfy({ bytes[$0] == prefix[$0] }) else {
            return fields
        }
        fields.hasAlgorithm = true
        var partStart = prefix.count
        while partStart <= bytes.count {
            var partEnd = partStart
            while partEnd < bytes.count, bytes[partEnd] != UInt8(ascii: ",") { partEnd += 1 }
            var start = partStart, end = partEnd
            while start < end, bytes[start] == 0x20 { start += 1 }
            while start < end, bytes[end - 1] == 0x20 { end -= 1 }
            var equals = start
            while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
            if equals < end {
                let name = UnsafeBufferPointer(rebasing: bytes[start..<equals])
                let value = UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end])
                if name.elementsEqual("Credential".utf8) {
                    fields.credential = String(decoding: value, as: UTF8.self)
                } else if name.elementsEqual("Signature".utf8) {
                    fields.signature = String(decoding: value, as: UTF8.self)
                } else if name.elementsEqual("SignedHeaders".utf8) {
                    fields.hasSignedHeaders = !value.isEmpty
                    fields.signedHeaders = splitNonEmpty(value, on: UInt8(ascii: ";"))
                }
            }
            partStart = partEnd + 1
        }
        return fields
    }

    static func splitNonEmpty(_ bytes: UnsafeBufferPointer<UInt8>, on separator: UInt8) -> [String] {
        var pieces: [String] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
            if index > start {
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            start = index + 1
        }
        return pieces
    }
}
