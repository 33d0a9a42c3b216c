import AWSCore
import Foundation
import HTTPServer

/// SigV4 parsing and verification: the Authorization header, presigned query parameters, the
/// credential scope, X-Amz-Date, percent-decoding, then a whole `authenticate` with IAM enforced
/// (canonical request, signing key, comparison). Input lines: target, Authorization, X-Amz-Date,
/// then header fields as `name: value`.
enum SigV4Target {
    static let authenticators = [
        SigV4Authenticator(enforce: true, clock: .fixed(Date(timeIntervalSince1970: 1_735_689_600))),
        SigV4Authenticator(enforce: false, clock: .fixed(Date(timeIntervalSince1970: 1_735_689_600))),
    ]
    static let signingNames = ["s3", "ssm", "ecr", "sts"]

    static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        let text = String(decoding: input.body, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        _ = try? SigV4Parser.parseHeader(text)
        _ = SigV4Credential.parse(text)
        _ = AMZDate.parse(text)
        let form = QueryItems(parsing: text, form: input.selector & 1 != 0)
        _ = try? SigV4Parser.parseQuery(form)
        // SigV4 encoding is reversible: whatever a client's key or value was, decoding its encoding gives it back.
        FuzzCheck.require(URIEncoding.decode(URIEncoding.encode(text)) == text, "decode(encode(x)) != x")
        FuzzCheck.require(URIEncoding.decode(URIEncoding.encode(text, keepSlash: true)) == text, "keepSlash round trip")

        let target = lines.first.map { $0.hasPrefix("/") ? $0 : "/" + $0 } ?? "/"
        var headers = HTTPHeaders()
        headers.add("host", "localhost")
        if lines.count > 1, !lines[1].isEmpty { headers.add("Authorization", lines[1]) }
        if lines.count > 2, !lines[2].isEmpty { headers.add("X-Amz-Date", lines[2]) }
        for line in lines.dropFirst(3) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let request = HTTPRequest(method: input.selector & 2 != 0 ? "PUT" : "GET", target: target, headers: headers)
        let query = QueryItems(parsing: request.query)
        let authenticator = authenticators[Int(input.selector >> 2) & 1]
        let signingName = signingNames[Int(input.selector >> 3) & 3]
        if let authentication = try? authenticator.authenticate(request, query: query, signingName: signingName),
            authenticator.enforce, authentication.signature != nil
        {
            // Only a signature computed with the secret passes an enforcing authenticator; fuzzed bytes cannot.
            FuzzCheck.require(false, "a fuzzed signature was accepted")
        }
    }
}
