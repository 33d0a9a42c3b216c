import AWSCore
import Foundation
import HTTPServer
import Testing

/// Known answers from AWS's published SigV4 test suite ("get-vanilla", "get-vanilla-query-order-key-case",
/// "post-x-www-form-urlencoded"): key AKIDEXAMPLE, date 20150830T123600Z, us-east-1, service "service".
@Suite("SigV4 canonical requests and signatures against AWS's test suite")
struct SigV4VectorTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let scope = "20150830/us-east-1/service/aws4_request"
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    func sign(_ method: String, _ target: String, headers: [(String, String)], payloadHash: String) -> (String, String)
    {
        let request = HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers))
        let canonical = CanonicalRequest(
            method: method, rawPath: request.path, rawQuery: request.query, headers: request.headers,
            signedHeaders: headers.map { $0.0.lowercased() }.sorted(), payloadHash: payloadHash, doubleEncodePath: true)
        let key = SigningKeyCache.derive(secret: Self.secret, date: "20150830", region: "us-east-1", service: "service")
        let stringToSign = canonical.stringToSign(amzDate: "20150830T123600Z", scope: Self.scope)
        return (canonical.text, SigningKeyCache.signature(stringToSign, key: key))
    }

    @Test("get-vanilla")
    func getVanilla() {
        let (canonical, signature) = sign(
            "GET", "/", headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            payloadHash: Self.emptyHash)
        #expect(
            canonical
                == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(Self.emptyHash)"
        )
        #expect(signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("get-vanilla-query-order-key-case sorts parameters by name")
    func queryOrder() {
        let (_, signature) = sign(
            "GET", "/?Param2=value2&Param1=value1",
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            payloadHash: Self.emptyHash)
        #expect(signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test("get-header-value-trim collapses inner spaces and trims values")
    func headerValueTrim() {
        let (canonical, _) = sign(
            "GET", "/",
            headers: [
                ("Host", "example.amazonaws.com"), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""),
                ("X-Amz-Date", "20150830T123600Z"),
            ],
            payloadHash: Self.emptyHash)
        #expect(canonical.contains("my-header1:value1\nmy-header2:\"a b c\"\n"))
    }

    @Test("non-S3 paths are normalised and encoded again")
    func doubleEncoding() {
        let (canonical, _) = sign(
            "GET", "/example/../documents%20and%20settings/",
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
            payloadHash: Self.emptyHash)
        #expect(canonical.hasPrefix("GET\n/documents%2520and%2520settings/\n"))
    }
}

@Suite("SigV4 authenticator")
struct SigV4AuthenticatorTests {
    let now = AMZDate.parse("20250101T120000Z")!

    func request(date: String, secret: String = "test", service: String = "ssm") -> HTTPRequest {
        let headers = HTTPHeaders([
            ("Host", "127.0.0.1:4566"), ("X-Amz-Date", date), ("X-Amz-Target", "AmazonSSM.GetParameter"),
        ])
        let body: [UInt8] = Array("{}".utf8)
        let signed = ["host", "x-amz-date", "x-amz-target"]
        let base = HTTPRequest(method: "POST", target: "/", headers: headers, body: .bytes(body))
        let hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        let canonical = CanonicalRequest(
            method: "POST", rawPath: "/", rawQuery: "", headers: headers, signedHeaders: signed, payloadHash: hash,
            doubleEncodePath: true)
        let scope = "\(date.prefix(8))/us-east-1/\(service)/aws4_request"
        let key = SigningKeyCache.derive(
            secret: secret, date: String(date.prefix(8)), region: "us-east-1", service: service)
        let signature = SigningKeyCache.signature(canonical.stringToSign(amzDate: date, scope: scope), key: key)
        var signedRequest = base
        signedRequest.headers.add(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=test/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
        )
        return signedRequest
    }

    @Test("a correctly signed request authenticates as the root of the default account")
    func correctSignature() throws {
        let authenticator = SigV4Authenticator(enforce: true, clock: .fixed(now))
        let auth = try authenticator.authenticate(
            request(date: "20250101T120000Z"), query: QueryItems(), signingName: "ssm")
        #expect(auth.identity.arn == "arn:aws:iam::000000000000:root")
        #expect(auth.region == "us-east-1")
        #expect(auth.isVerified)
    }

    @Test("a wrong secret is SignatureDoesNotMatch, rendered per protocol")
    func wrongSecret() {
        let authenticator = SigV4Authenticator(enforce: true, clock: .fixed(now))
        #expect {
            try authenticator.authenticate(
                request(date: "20250101T120000Z", secret: "nope"), query: QueryItems(), signingName: "ssm")
        } throws: { error in
            guard let error = error as? SigV4Error, case .signatureDoesNotMatch = error else { return false }
            return error.awsError(for: .json11).code == "InvalidSignatureException"
                && error.awsError(for: .restXML).code == "SignatureDoesNotMatch"
                && error.awsError(for: .query).status == 403
        }
    }

    @Test("sixteen minutes of skew is refused and the message says which way")
    func skew() {
        let authenticator = SigV4Authenticator(enforce: true, clock: .fixed(now))
        #expect {
            try authenticator.authenticate(request(date: "20250101T114400Z"), query: QueryItems(), signingName: "ssm")
        } throws: { error in
            (error as? SigV4Error)?.awsError(for: .json11).message
                == "Signature expired: 20250101T114400Z is now earlier than 20250101T114500Z (20250101T120000Z - 15 min.)"
        }
    }

    @Test("a signature scoped to another service is refused")
    func wrongService() {
        let authenticator = SigV4Authenticator(enforce: false, clock: .fixed(now))
        #expect(throws: SigV4Error.wrongService(expected: "ecr", got: "ssm")) {
            try authenticator.authenticate(request(date: "20250101T120000Z"), query: QueryItems(), signingName: "ecr")
        }
    }

    @Test("without enforcement a 12-digit access key acts in that account")
    func accountFromKey() throws {
        var signed = request(date: "20250101T120000Z")
        signed.headers["Authorization"] = signed.headers["Authorization"]!.replacingOccurrences(
            of: "Credential=test/", with: "Credential=123456789012/")
        let auth = try SigV4Authenticator(clock: .fixed(now)).authenticate(
            signed, query: QueryItems(), signingName: "ssm")
        #expect(auth.identity.accountID == "123456789012")
        #expect(!auth.isVerified)
    }
}
