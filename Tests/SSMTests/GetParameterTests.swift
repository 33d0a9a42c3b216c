import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("GetParameter")
struct GetParameterTests {
    @Test("returns the latest version with its ARN, type and data type")
    func latest() throws {
        let ssm = try SSMHarness()
        try ssm.put("/app/db/user", "admin")
        let parameter = try ssm.get("/app/db/user")
        #expect(parameter.Name == "/app/db/user")
        #expect(parameter.Value == "admin")
        #expect(parameter.Version == 1)
        #expect(parameter.ARN == "arn:aws:ssm:us-east-1:111122223333:parameter/app/db/user")
        #expect(parameter.Type == "String")
        #expect(parameter.DataType == "text")
        #expect(parameter.Selector == nil)
        #expect(parameter.SourceResult == nil)
    }

    @Test("USER and /USER are the same parameter; the response echoes the caller's spelling")
    func leadingSlash() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "username")
        let slashed = try ssm.get("/USER")
        #expect(slashed.Name == "/USER")
        #expect(slashed.Value == "username")
        #expect(slashed.ARN == "arn:aws:ssm:us-east-1:111122223333:parameter/USER")
    }

    @Test("a parameter is found by its ARN, with or without a selector; the ARN in the answer has none")
    func byARN() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "one")
        try ssm.put("USER", "two", overwrite: true)
        try ssm.put("/a/b", "deep")
        let flat = try ssm.get("arn:aws:ssm:us-east-1:111122223333:parameter/USER")
        #expect(flat.Name == "USER")
        #expect(flat.Value == "two")
        let versioned = try ssm.get("arn:aws:ssm:us-east-1:111122223333:parameter/USER:1")
        #expect(versioned.Value == "one")
        #expect(versioned.Selector == ":1")
        #expect(versioned.ARN == "arn:aws:ssm:us-east-1:111122223333:parameter/USER")
        #expect(try ssm.get("arn:aws:ssm:us-east-1:111122223333:parameter/a/b").Name == "/a/b")
    }

    @Test("name:version and name:label pick a version and echo the Selector")
    func selectors() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "username")
        try ssm.put("USER", "changed", overwrite: true)
        try ssm.label("USER", version: 1, ["stable"])
        let byVersion = try ssm.get("USER:1")
        #expect(byVersion.Value == "username")
        #expect(byVersion.Version == 1)
        #expect(byVersion.Selector == ":1")
        #expect(byVersion.Name == "USER")
        let byLabel = try ssm.get("USER:stable")
        #expect(byLabel.Value == "username")
        #expect(byLabel.Selector == ":stable")
    }

    @Test("a missing version or label of an existing parameter is ParameterVersionNotFound")
    func versionNotFound() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "u")
        expectAWSError(
            "ParameterVersionNotFound",
            "Systems Manager could not find version 3 of USER. Verify the version and try again."
        ) { _ = try ssm.get("USER:3") }
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.get("USER:nolabel") }
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.get("USER:0") }
    }

    @Test("a missing parameter is ParameterNotFound with an empty message, as AWS sends it")
    func notFound() throws {
        let ssm = try SSMHarness()
        expectAWSError("ParameterNotFound", "") { _ = try ssm.get("nope") }
        expectAWSError("ParameterNotFound", "") { _ = try ssm.get("nope:1") }
        expectAWSError("ParameterNotFound", "") { _ = try ssm.get("/aws/service/global-infrastructure/version") }
    }

    @Test("a malformed name is a ValidationException")
    func malformed() throws {
        let ssm = try SSMHarness()
        for bad in ["a/b/c", "/a//b", "a b", "x:1:2", "USER:"] {
            expectAWSError("ValidationException", ParameterName.invalidNameMessage) { _ = try ssm.get(bad) }
        }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
        ) { _ = try ssm.backend.getParameter(GetParameterRequest(), context: ssm.context("GetParameter")) }
    }

    @Test("another account's ARN finds nothing: sharing is not built")
    func otherAccount() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "u")
        expectAWSError("ParameterNotFound") { _ = try ssm.get("arn:aws:ssm:us-east-1:999999999999:parameter/USER") }
        expectAWSError("ParameterNotFound") { _ = try ssm.get("arn:aws:ssm:eu-west-1:111122223333:parameter/USER") }
    }

    @Test("Secrets Manager references are not built: 501")
    func secretsManager() throws {
        let ssm = try SSMHarness()
        expectAWSError("NotImplemented", status: 501) {
            _ = try ssm.get("/aws/reference/secretsmanager/my-secret", decrypt: true)
        }
    }

    @Test("parameters of other accounts and regions are separate")
    func scopes() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "east")
        ssm.region = "eu-west-1"
        expectAWSError("ParameterNotFound") { _ = try ssm.get("USER") }
        try ssm.put("USER", "west")
        ssm.accountID = "444455556666"
        expectAWSError("ParameterNotFound") { _ = try ssm.get("USER") }
        ssm.accountID = "111122223333"
        #expect(try ssm.get("USER").Value == "west")
        ssm.region = "us-east-1"
        #expect(try ssm.get("USER").Value == "east")
    }
}

@Suite("GetParameters")
struct GetParametersTests {
    @Test("found parameters come back in name order; the rest in InvalidParameters without failing")
    func mixed() throws {
        let ssm = try SSMHarness()
        try ssm.put("b", "2")
        try ssm.put("a", "1")
        let result = try ssm.getMany(["b", "missing", "a:1", "a:7", "bad name", "a:nolabel"])
        #expect(result.Parameters.map(\.Name) == ["a", "b"])
        #expect(result.Parameters.first?.Selector == ":1")
        #expect(result.InvalidParameters == ["missing", "a:7", "bad name", "a:nolabel"])
    }

    @Test("duplicates are answered once")
    func duplicates() throws {
        let ssm = try SSMHarness()
        try ssm.put("a", "1")
        let result = try ssm.getMany(["a", "a", "x", "x"])
        #expect(result.Parameters.count == 1)
        #expect(result.InvalidParameters == ["x"])
    }

    @Test("more than ten names is a ValidationException listing them; none is one too")
    func limits() throws {
        let ssm = try SSMHarness()
        let names = (1...11).map { "p\($0)" }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value '[p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10."
        ) { _ = try ssm.getMany(names) }
        expectAWSError("ValidationException") { _ = try ssm.getMany([]) }
    }

    @Test("SecureStrings are decrypted only on request")
    func secure() throws {
        let ssm = try SSMHarness()
        try ssm.put("pw", "secret", type: "SecureString")
        #expect(try ssm.getMany(["pw"]).Parameters.first?.Value != "secret")
        #expect(try ssm.getMany(["pw"], decrypt: true).Parameters.first?.Value == "secret")
    }
}
