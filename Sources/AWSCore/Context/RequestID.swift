import Foundation

/// Request ids in the shapes AWS uses: a UUID for JSON and query services, 16 upper-case hex
/// characters for S3 (with a base64 "host id" beside it).
public enum RequestID {
    public static func make(for wire: AWSProtocol) -> String {
        switch wire {
        case .restXML:
            var generator = SystemRandomNumberGenerator()
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - hex.count) + hex
        case .json11, .query:
            return UUID().uuidString.lowercased()
        }
    }

    /// S3's `x-amz-id-2`, derived from the request id so logs can correlate the two.
    public static func hostID(for requestID: String) -> String {
        Data("ebauth/\(requestID)".utf8).base64EncodedString()
    }
}
