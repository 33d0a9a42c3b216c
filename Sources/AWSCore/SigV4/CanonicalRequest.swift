import Crypto
import HTTPServer

/// The canonical request and string to sign of SigV4, built from the request as received.
///
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
public struct CanonicalRequest: Sendable {
    public let text: String

    /// - Parameters:
    ///   - rawPath: the path as sent, percent-encoded.
    ///   - rawQuery: the query as sent; `X-Amz-Signature` is left out for presigned URLs.
    ///   - doubleEncodePath: every service but S3 encodes the already-encoded path once more.
    public init(
        method: String, rawPath: String, rawQuery: String, headers: HTTPHeaders, signedHeaders: [String],
        payloadHash: String, doubleEncodePath: Bool
    ) {
        let path = doubleEncodePath ? Self.normalizedDoubleEncodedPath(rawPath) : (rawPath.isEmpty ? "/" : rawPath)
        // Built as bytes: this runs for every signed request.
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out += method.utf8
        out.append(10)
        out += path.utf8
        out.append(10)
        out += Self.canonicalQuery(rawQuery).utf8
        out.append(10)
        for name in signedHeaders {
            out += name.utf8
            out.append(UInt8(ascii: ":"))
            Self.appendCanonicalHeaderValue(headers.values(for: name), to: &out)
            out.append(10)
        }
        out.append(10)
        for (index, name) in signedHeaders.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ";")) }
            out += name.utf8
        }
        out.append(10)
        out += payloadHash.utf8
        text = String(decoding: out, as: UTF8.self)
    }

    public func stringToSign(amzDate: String, scope: String) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: $0) }
        return "\(SigV4Signature.algorithm)\n\(amzDate)\n\(scope)\n\(Hex.encode(digest))"
    }

    /// Query parameters decoded and re-encoded the SigV4 way, sorted by name then value.
    static func canonicalQuery(_ raw: String) -> String {
        var pairs: [(name: String, value: String)] = []
        for item in QueryItems(parsing: raw).items where item.name != "X-Amz-Signature" {
            pairs.append((URIEncoding.encode(item.name), URIEncoding.encode(item.value)))
        }
        pairs.sort { (a: (name: String, value: String), b: (name: String, value: String)) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        return pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Values joined with commas, outer whitespace trimmed and inner runs of spaces collapsed.
    static func canonicalHeaderValue(_ values: [String]) -> String {
        var out: [UInt8] = []
        appendCanonicalHeaderValue(values, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendCanonicalHeaderValue(_ values: [String], to out: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var pendingSpace = false
            var wroteAny = false
            for byte in value.utf8 {
                if byte == 0x20 || byte == 0x09 {
                    pendingSpace = wroteAny
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                wroteAny = true
                out.append(byte)
            }
        }
    }

    /// What botocore does for non-S3 services: remove dot segments, then encode again.
    static func normalizedDoubleEncodedPath(_ rawPath: String) -> String {
        guard !rawPath.isEmpty, rawPath != "/" else { return "/" }
        var segments: [Substring] = []
        for segment in rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        let normalized = "/" + segments.joined(separator: "/")
        return normalized.split(separator: "/", omittingEmptySubsequences: false)
            .map { URIEncoding.encode(String($0)) }
            .joined(separator: "/")
    }
}
