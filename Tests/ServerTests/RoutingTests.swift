import Foundation
import TestSupport
import Testing

/// Every check runs against the server assembled in this process and against the `ebauth` binary.
@Suite("One port, many protocols")
struct RoutingTests {
    @Test(
        "a JSON 1.1 operation not yet built answers 501 NotImplemented naming it, with __type and X-Amzn-ErrorType",
        arguments: TestApp.Mode.allCases)
    func jsonNotImplemented(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send(
                "POST", "/",
                headers: [("X-Amz-Target", "AmazonSSM.SendCommand"), ("Content-Type", "application/x-amz-json-1.1")],
                body: Array(#"{"Name":"x"}"#.utf8))
            #expect(reply.status == 501)
            #expect(reply.header("x-amzn-errortype") == "NotImplemented")
            #expect(reply.header("x-amzn-requestid")?.count == 36)
            let body = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: String]
            #expect(body?["__type"] == "NotImplemented")
            #expect(
                body?["message"] == "The operation 'SendCommand' of service 'ssm' is not implemented by ebauth yet.")
        }
    }

    @Test("an X-Amz-Target that names no operation answers UnknownOperationException", arguments: TestApp.Mode.allCases)
    func unknownTarget(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            for target in ["AmazonSSM.NoSuchThing", "NoSuchService.GetParameter", "garbage"] {
                let reply = try server.send("POST", "/", headers: [("X-Amz-Target", target)], body: Array("{}".utf8))
                #expect(reply.status == 400)
                #expect(reply.header("x-amzn-errortype") == "UnknownOperationException")
            }
        }
    }

    @Test(
        "an S3 request not yet built answers REST-XML NotImplemented with x-amz-request-id",
        arguments: TestApp.Mode.allCases)
    func s3NotImplemented(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send("GET", "/my-bucket?acl")
            #expect(reply.status == 501)
            let text = String(decoding: reply.body, as: UTF8.self)
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NotImplemented</Code>"))
            #expect(text.contains("'GetBucketAcl' of service 's3'"))
            #expect(reply.header("x-amz-request-id")?.count == 16)
            #expect(text.contains("<RequestId>\(reply.header("x-amz-request-id")!)</RequestId>"))
        }
    }

    @Test("virtual-hosted-style S3 requests name the operation from the Host header", arguments: TestApp.Mode.allCases)
    func virtualHostedStyle(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send("GET", "/some/key.txt?acl", host: "my-bucket.s3.localhost.localstack.cloud")
            #expect(String(decoding: reply.body, as: UTF8.self).contains("'GetObjectAcl' of service 's3'"))
        }
    }

    @Test("an unsigned query-protocol request is routed by its Version to IAM or STS", arguments: TestApp.Mode.allCases)
    func queryByVersion(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send(
                "POST", "/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("Action=AssumeRoleWithWebIdentity&Version=2011-06-15".utf8))
            let text = String(decoding: reply.body, as: UTF8.self)
            #expect(reply.status == 501)
            #expect(text.contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"))
            #expect(text.contains("'AssumeRoleWithWebIdentity' of service 'sts'"))
        }
    }

    @Test("a service signed for that ebauth does not serve answers 501 naming it", arguments: TestApp.Mode.allCases)
    func unknownService(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send(
                "POST", "/",
                headers: [
                    (
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00"
                    )
                ])
            #expect(reply.status == 501)
            #expect(
                String(decoding: reply.body, as: UTF8.self).contains(
                    "The service 'dynamodb' is not implemented by ebauth."))
        }
    }

    @Test("health answers JSON with the version; reset answers with what it emptied", arguments: TestApp.Mode.allCases)
    func healthAndReset(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let health = try server.send("GET", "/_ebauth/health")
            let object = try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any]
            #expect(health.status == 200)
            #expect(object?["version"] as? String == "0.1.0")
            let reset = try server.send("POST", "/_ebauth/reset")
            #expect(reset.status == 200)
            #expect(try server.send("GET", "/_ebauth/reset").status == 405)
        }
    }

    @Test("a request the HTTP layer cannot read is answered in S3's XML error format", arguments: TestApp.Mode.allCases)
    func protocolErrorsAreXML(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            let reply = try server.send(
                "PUT", "/b/k", headers: [("X-Big", String(repeating: "a", count: 40_000))], body: Array("x".utf8))
            #expect(reply.status == 431)
            #expect(String(decoding: reply.body, as: UTF8.self).contains("<Code>RequestHeaderSectionTooLarge</Code>"))
        }
    }
}
