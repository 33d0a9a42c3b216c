import Foundation

/// Request ids in the shapes AWS uses: a UUID for JSON and query services, 16 upper-case hex
/// characters for S3 (with a base64 "host id" beside it).
public enum RequestID {
    public static func make(for wire: AWSProtocol) -> String {
        switch wire {
        case .restXML:
            var value: UInt64 = 0
            withUnsafeMutableBytes(of: &value) { RandomPool.shared.fill($0) }
            let hex = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - hex.count) + hex
        case .json11, .query:
            return uuid()
        }
    }

    /// A random (version 4) UUID in lower case, formatted by hand: one is made per request.
    static func uuid() -> String {
        var bytes: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            RandomPool.shared.fill(raw)
            raw[6] = raw[6] & 0x0F | 0x40  // version 4
            raw[8] = raw[8] & 0x3F | 0x80  // RFC 4122 variant
            return String(
                unsafeUninitializedCapacity: 36,
                initializingUTF8With: { out in
                    var at = 0
                    for (index, byte) in raw.enumerated() {
                        if index == 4 || index == 6 || index == 8 || index == 10 {
                            out[at] = UInt8(ascii: "-")
                            at += 1
                        }
                        out[at] = Hex.digit(byte >> 4)
                        out[at + 1] = Hex.digit(byte & 0xF)
                        at += 2
                    }
                    return at
                })
        }
    }

    /// S3's `x-amz-id-2`, derived from the request id so logs can correlate the two.
    public static func hostID(for requestID: String) -> String {
        Data("ebauth/\(requestID)".utf8).base64EncodedString()
    }
}
