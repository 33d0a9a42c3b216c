import AWSCore
import Crypto
import Foundation
import HTTPServer
import Storage
import TestSupport

@testable import S3

/// S3's handler on a fresh state directory, called in-process the way the router calls it:
/// the request is addressed and named by the real `S3Address` and `S3OperationMatcher`.
final class S3Harness {
    static let epoch = Date(timeIntervalSince1970: 1_790_000_000)
    let state: TestDatabase
    let service: RESTXMLService
    let authorizer: RecordingAuthorizer

    init(allowing policy: RecordingAuthorizer.Policy = .allowAll) throws {
        state = try TestDatabase("s3", migrations: StorageSchema.migrations + S3Module().migrations, readerCount: 2)
        authorizer = RecordingAuthorizer(policy: policy)
        let environment = ServiceEnvironment(
            database: state.database, blobStore: state.blobStore, clock: .fixed(Self.epoch), authorizer: authorizer,
            credentials: DefaultCredentials(), enforceIAM: true, defaultAccountID: "000000000000",
            endpoint: { "http://127.0.0.1:4566" })
        service = S3Routes.service(S3Backend(environment: environment))
    }

    var database: Database { state.database }

    struct Caller {
        var accountID = "000000000000"
        var arn: String?
        /// The region of the SigV4 scope; nil sends an unsigned request.
        var signedRegion: String? = "us-east-1"

        var identity: CallerIdentity {
            guard let arn else { return .root(accountID: accountID, accessKeyID: "test") }
            return CallerIdentity(
                accountID: accountID, arn: arn, userID: "AIDATEST", accessKeyID: "AKIATEST", kind: .user)
        }

        static let root = Caller()
        static func user(_ name: String, account: String = "000000000000") -> Caller {
            Caller(accountID: account, arn: "arn:aws:iam::\(account):user/\(name)")
        }
    }

    /// Sends one request; errors come back rendered, as the router would render them.
    @discardableResult
    func send(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: HTTPBody = .empty,
        trailers: [(name: String, value: String)] = [], as caller: Caller = .root, host: String = "127.0.0.1:4566"
    ) -> HTTPResponse {
        var fields = headers + [("Host", host)]
        if let region = caller.signedRegion {
            fields.append(
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20260101/\(region)/s3/aws4_request, SignedHeaders=host, Signature=00"
                ))
        }
        let http = HTTPRequest(method: method, target: target, headers: HTTPHeaders(fields), body: body)
        let query = QueryItems(parsing: http.query)
        let address = S3Address.resolve(host: host, rawPath: http.path)
        let operation =
            S3OperationMatcher.operationName(
                method: method, bucket: address.bucket, key: address.key, query: query.items,
                headers: http.headers.fields) ?? "-"
        let context = RequestContext(
            requestID: "TESTREQUEST00001", accountID: caller.accountID, region: caller.signedRegion ?? "us-east-1",
            service: "s3", operation: operation, caller: caller.identity, clock: .fixed(Self.epoch))
        let request = AWSRequest(
            http: http, body: body, parameters: query, context: context, address: address, trailers: trailers)
        do {
            guard service.implements(operation) else {
                throw AWSError.notImplemented(operation: operation, service: "s3")
            }
            return try service.handle(request)
        } catch {
            return ErrorRenderer.render(
                ErrorRenderer.awsError(for: error), protocol: .restXML, requestID: "TESTREQUEST00001")
        }
    }

    func createBucket(_ name: String, as caller: Caller = .root) {
        let response = send("PUT", "/\(name)", as: caller)
        precondition(response.status == 200, "CreateBucket \(name) failed: \(response.text)")
    }

    func putObject(_ bucket: String, _ key: String, _ bytes: [UInt8], headers: [(String, String)] = []) {
        let response = send(
            "PUT", "/\(bucket)/\(URIEncoding.encode(key, keepSlash: true))",
            headers: headers + [("Content-Length", "\(bytes.count)")], body: .bytes(bytes))
        precondition(response.status == 200, "PutObject failed: \(response.text)")
    }

    /// Writes `bytes` to a file in the uploads directory, as the HTTP server spools large bodies.
    func spool(_ bytes: [UInt8]) throws -> SpooledFile {
        let path = state.blobStore.uploadsDirectory + "/body-" + UUID().uuidString
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return SpooledFile(path: path, length: bytes.count)
    }

    /// Every blob file in the store.
    func blobFiles() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: state.blobStore.blobsDirectory)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0.count > 3 }
    }
}

extension HTTPResponse {
    var text: String {
        if case .bytes(let bytes) = body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }

    /// The `<Code>` of an error document.
    var code: String? { element("Code") }

    func element(_ name: String) -> String? {
        guard let start = text.range(of: "<\(name)>"),
            let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    func elements(_ name: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<\(name)>"),
            let end = rest.range(of: "</\(name)>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    func header(_ name: String) -> String? { headers[name] }
}

/// Base64 MD5, as `Content-MD5` carries it.
func md5Base64(_ text: String) -> String {
    md5Base64(Array(text.utf8))
}

func md5Base64(_ bytes: [UInt8]) -> String {
    Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
}

func md5Hex(_ text: String) -> String {
    ObjectDigests.hex(Array(Insecure.MD5.hash(data: Array(text.utf8))))
}
