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
        var lines = [method, path, Self.canonicalQuery(rawQuery)]
        for name in signedHeaders {
            lines.append("\(name):\(Self.canonicalHeaderValue(headers.values(for: name)))")
        }
        lines.append("")
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(payloadHash)
        text = lines.joined(separator: "\n")
    }

    public func stringToSign(amzDate: String, scope: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
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
        values.map { value in
            value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }.joined(separator: ",")
    }

    /// What botocore does for non-S3 services: remove dot segments, then encode again.
    static func normalizedDoubleEncodedPath(_ rawPath: String) -> String {
        guard !rawPath.isEmpty else { return "/" }
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

/// Lower-case hexadecimal, as SigV4 writes hashes and signatures.
public enum Hex {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func encode<D: Digest>(_ digest: D) -> String {
        encode(Array(digest))
    }
}
