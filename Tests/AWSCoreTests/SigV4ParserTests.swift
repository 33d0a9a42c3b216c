import Testing

@testable import AWSCore

/// The byte scanner that reads every ASCII Authorization header must answer exactly what the
/// Unicode-aware reference parser answers: the same signature, or the same error and its text.
@Suite("Authorization header parsing")
struct SigV4ParserTests {
    static let credential = "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request"
    static let signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

    static let headers: [String] = [
        "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=content-type;host;x-amz-date, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=\(credential),SignedHeaders=host;x-amz-date,Signature=\(signature)",
        "AWS4-HMAC-SHA256   Credential=\(credential) ,  SignedHeaders=host ,Signature=\(signature)  ",
        "AWS4-HMAC-SHA256 Signature=\(signature), Credential=\(credential), SignedHeaders=host",
        // A later field of the same name wins; unknown fields and parts without '=' are skipped.
        "AWS4-HMAC-SHA256 Credential=x, Credential=\(credential), Foo=bar, junk, SignedHeaders=host, Signature=\(signature)",
        // Empty names between ';' are dropped, but ';;' alone still counts as present.
        "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=;host;;x-amz-date;, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=;;, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=\(credential), Signature=\(signature)",
        "AWS4-HMAC-SHA256 SignedHeaders=host",
        "AWS4-HMAC-SHA256 ",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256,Credential=\(credential), SignedHeaders=host, Signature=\(signature)",
        "aws4-hmac-sha256 Credential=\(credential), SignedHeaders=host, Signature=\(signature)",
        "AWS AKIDEXAMPLE:signature",
        "",
        "AWS4-HMAC-SHA256 Credential=AKID/2015083/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=AKID//us-east-1/iam/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request/extra, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=\(signature)",
        "AWS4-HMAC-SHA256 Credential==\(credential), SignedHeaders==host, Signature==x",
        "AWS4-HMAC-SHA256 Credential=\(credential), SignedHeaders=host, Signature=\(signature),",
    ]

    static func outcome(_ parse: () throws(SigV4Error) -> SigV4Signature) -> String {
        do throws(SigV4Error) { return "ok \(try parse())" } catch { return "error \(error)" }
    }

    @Test("the ASCII scanner and the reference parser agree", arguments: headers)
    func asciiScannerMatchesReference(_ header: String) {
        #expect(
            Self.outcome { () throws(SigV4Error) in try SigV4Parser.parseHeader(header) }
                == Self.outcome { () throws(SigV4Error) in try SigV4Parser.parseHeaderText(header) })
    }

    @Test("a well-formed header gives its credential, signed headers and signature")
    func wellFormedHeader() throws {
        let parsed = try SigV4Parser.parseHeader(Self.headers[0])
        #expect(parsed.credential.accessKeyID == "AKIDEXAMPLE")
        #expect(parsed.credential.scope == "20150830/us-east-1/iam/aws4_request")
        #expect(parsed.signedHeaders == ["content-type", "host", "x-amz-date"])
        #expect(parsed.signature == Self.signature)
    }

    @Test("a header with non-ASCII text takes the reference path and is refused the same way")
    func nonASCIIHeaderUsesReference() {
        // A combining mark after the space joins it: to Unicode the prefix is not there.
        let header =
            "AWS4-HMAC-SHA256 \u{301}Credential=\(Self.credential), SignedHeaders=host, Signature=\(Self.signature)"
        #expect(
            Self.outcome { () throws(SigV4Error) in try SigV4Parser.parseHeader(header) }
                == "error unsupportedAlgorithm(\"\(header)\")")
    }
}
