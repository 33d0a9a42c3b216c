import Crypto
import Foundation
import TextAlgorithms

/// S3 entity tags: the MD5 of a single PUT, and `<md5 of the parts' md5s>-N` for multipart.
enum ETag {
    /// `"abc"` as sent in a header, without the quotes.
    static func quoted(_ etag: String) -> String { "\"\(etag)\"" }

    /// The bare value of an ETag a client sends: quotes and whitespace removed; `W/` ignored.
    static func normalize(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("W/") { value.removeFirst(2) }
        if value.hasPrefix("\"") { value.removeFirst() }
        if value.hasSuffix("\"") { value.removeLast() }
        return value
    }

    /// The multipart rule: MD5 over the binary MD5s of the parts, then `-<number of parts>`.
    static func multipart(partMD5s: [String]) -> String {
        var md5 = Insecure.MD5()
        for hex in partMD5s { md5.update(data: ObjectDigests.bytes(fromHex: hex)) }
        return ObjectDigests.hex(Array(md5.finalize())) + "-\(partMD5s.count)"
    }

    /// Whether an `If-Match`/`If-None-Match` list (`"a", "b"` or `*`) names `etag`.
    static func list(_ header: String, matches etag: String) -> Bool {
        header.split(separator: ",").contains { item in
            let value = item.trimmingCharacters(in: .whitespaces)
            return value == "*" || normalize(value) == etag
        }
    }
}

/// Hex and hashing helpers shared by ETags, checksums and owner ids.
enum ObjectDigests {
    static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(bytes)
    }

    /// Lenient: a digit that is not hex counts as 0, and an odd last digit is dropped.
    static func bytes(fromHex hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { Hex.value(of: c) ?? 0 }
        while let high = iterator.next(), let low = iterator.next() {
            result.append(nibble(high) << 4 | nibble(low))
        }
        return result
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    static func md5Base64(hex: String) -> String {
        Data(bytes(fromHex: hex)).base64EncodedString()
    }
}
