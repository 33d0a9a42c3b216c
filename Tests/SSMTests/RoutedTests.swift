import AWSCore
import Foundation
import HTTPServer
import Logging
import Storage
import TestSupport
import Testing

@testable import SSM

/// The whole router in process, no sockets, or the whole server: what a client sees on the wire.
@Suite("SSM through the router")
struct RoutedTests {
    func router(_ ssm: SSMHarness) -> RouterClient {
        var logger = Logger(label: "ssm-test")
        logger.logLevel = .critical
        return RouterClient(
            ServiceRouter(
                authenticator: SigV4Authenticator(), handlers: [ssm.backend.routes()], pathRoutes: [], logger: logger))
    }

    func call(_ server: some HTTPTestTarget, _ operation: String, _ json: String) throws -> (
        status: Int, headers: HTTPHeaders, body: [String: Any]
    ) {
        let response = try server.send(
            "POST", "/",
            headers: [("X-Amz-Target", "AmazonSSM.\(operation)"), ("Content-Type", "application/x-amz-json-1.1")],
            body: Array(json.utf8))
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return (response.status, HTTPHeaders(response.headers), object)
    }

    @Test("PutParameter and GetParameter round-trip as JSON 1.1 with epoch-second dates")
    func roundTrip() throws {
        let ssm = try SSMHarness()
        let router = router(ssm)
        let put = try call(router, "PutParameter", #"{"Name":"USER","Type":"String","Value":"username"}"#)
        #expect(put.status == 200)
        #expect(put.body["Version"] as? Int == 1)
        #expect(put.body["Tier"] as? String == "Standard")
        #expect(put.headers["content-type"] == "application/x-amz-json-1.1")
        #expect(put.headers["x-amzn-requestid"]?.count == 36)
        let get = try call(router, "GetParameter", #"{"Name":"USER:1"}"#)
        let parameter = try #require(get.body["Parameter"] as? [String: Any])
        #expect(parameter["Value"] as? String == "username")
        #expect(parameter["Selector"] as? String == ":1")
        #expect(parameter["ARN"] as? String == "arn:aws:ssm:us-east-1:000000000000:parameter/USER")
        #expect(parameter["LastModifiedDate"] as? Double == 1_700_000_000)
        #expect(parameter["SourceResult"] == nil)
    }

    @Test("errors carry __type, message and X-Amzn-ErrorType with AWS's status", arguments: TestApp.Mode.allCases)
    func errors(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let missing = try call(server, "GetParameter", #"{"Name":"nope"}"#)
            #expect(missing.status == 400)
            #expect(missing.body["__type"] as? String == "ParameterNotFound")
            #expect(missing.body["message"] as? String == "")
            #expect(missing.headers["x-amzn-errortype"] == "ParameterNotFound")
            let invalid = try call(server, "PutParameter", #"{"Type":"String"}"#)
            #expect(invalid.body["__type"] as? String == "ValidationException")
            #expect(
                (invalid.body["message"] as? String)?.hasPrefix("2 validation errors detected: Value null at 'name'")
                    == true)
            let malformed = try call(server, "GetParameter", #"{"Name":5}"#)
            #expect(malformed.body["__type"] as? String == "SerializationException")
        }
    }

    @Test("SSM operations that are not built answer 501 NotImplemented")
    func notBuilt() throws {
        let ssm = try SSMHarness()
        let reply = try call(router(ssm), "SendCommand", #"{"DocumentName":"AWS-RunShellScript"}"#)
        #expect(reply.status == 501)
        #expect(reply.body["__type"] as? String == "NotImplemented")
        #expect(ssm.backend.routes().implements("GetParameter"))
        #expect(!ssm.backend.routes().implements("PutResourcePolicy"))
    }

    @Test("the module mounts with its migrations and one JSON 1.1 handler")
    func module() throws {
        let ssm = try SSMHarness()
        let module = SSMModule()
        #expect(module.migrations.map(\.id) == ["ssm-001-create-parameter-store"])
        let environment = ServiceEnvironment(
            database: ssm.database, blobStore: try BlobStore(root: ssm.directory), clock: .system,
            authorizer: AllowAllAuthorizer(), credentials: DefaultCredentials(), enforceIAM: false,
            defaultAccountID: "000000000000", endpoint: { "http://127.0.0.1:4566" })
        let handlers = try module.handlers(environment)
        #expect(handlers.map(\.service.name) == ["ssm"])
        let built = ServiceCatalog.ssm.operations.filter { handlers[0].implements($0) }.sorted()
        #expect(
            built == [
                "AddTagsToResource", "DeleteParameter", "DeleteParameters", "DescribeParameters", "GetParameter",
                "GetParameterHistory", "GetParameters", "GetParametersByPath", "LabelParameterVersion",
                "ListTagsForResource", "PutParameter", "RemoveTagsFromResource", "UnlabelParameterVersion",
            ])
    }
}
