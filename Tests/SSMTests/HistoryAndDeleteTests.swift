import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("GetParameterHistory")
struct GetParameterHistoryTests {
    @Test("every version oldest first, with labels, key, description and tier")
    func history() throws {
        let ssm = try SSMHarness()
        try ssm.put("PASSWD", "one", type: "SecureString", description: "registry password")
        try ssm.put("PASSWD", "two", type: "SecureString", overwrite: true)
        try ssm.label("PASSWD", version: 2, ["prod", "blue"])
        let history = try ssm.history("PASSWD").Parameters
        #expect(history.map(\.Version) == [1, 2])
        #expect(history.map(\.Labels) == [[], ["blue", "prod"]])
        #expect(
            history.allSatisfy { $0.KeyId == "alias/aws/ssm" && $0.Tier == "Standard" && $0.Type == "SecureString" })
        #expect(history.allSatisfy { $0.Description == "registry password" && $0.Policies.isEmpty })
        #expect(history.allSatisfy { $0.Value != "one" && $0.Value != "two" })
        #expect(try ssm.history("/PASSWD").Parameters.first?.Name == "/PASSWD")
    }

    @Test("MaxResults pages with NextToken and must be 1 to 50")
    func paging() throws {
        let ssm = try SSMHarness()
        try ssm.put("v", "0")
        for number in 1..<7 { try ssm.put("v", "\(number)", overwrite: true) }
        let first = try ssm.history("v", maxResults: 4)
        #expect(first.Parameters.map(\.Version) == [1, 2, 3, 4])
        let second = try ssm.history("v", maxResults: 4, nextToken: first.NextToken)
        #expect(second.Parameters.map(\.Version) == [5, 6, 7])
        #expect(second.NextToken == nil)
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50"
        ) { _ = try ssm.history("v", maxResults: 51) }
        expectAWSError("InvalidNextToken") { _ = try ssm.history("v", nextToken: "bm9wZQ==") }
    }

    @Test("a missing parameter is ParameterNotFound; a selector is not a name")
    func notFound() throws {
        let ssm = try SSMHarness()
        expectAWSError("ParameterNotFound") { _ = try ssm.history("nope") }
        try ssm.put("v", "1")
        expectAWSError("ValidationException") { _ = try ssm.history("v:1") }
    }
}

@Suite("DeleteParameter and DeleteParameters")
struct DeleteTests {
    @Test("deleting removes every version, label and tag; the name then starts again at version 1")
    func deleteAll() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "a", tags: [Tag(Key: "k", Value: "v")])
        try ssm.put("USER", "b", overwrite: true)
        try ssm.label("USER", ["prod"])
        try ssm.delete("/USER")
        expectAWSError("ParameterNotFound") { _ = try ssm.get("USER") }
        #expect(try ssm.put("USER", "again", tags: [Tag(Key: "x", Value: "y")]).Version == 1)
        #expect(try ssm.listTags("USER") == [Tag(Key: "x", Value: "y")])
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.get("USER:prod") }
    }

    @Test("deleting a missing parameter is ParameterNotFound with an empty message; an ARN is not a name")
    func missing() throws {
        let ssm = try SSMHarness()
        expectAWSError("ParameterNotFound", "") { try ssm.delete("nope") }
        try ssm.put("USER", "a")
        expectAWSError("ValidationException") { try ssm.delete("arn:aws:ssm:us-east-1:111122223333:parameter/USER") }
    }

    @Test("DeleteParameters deletes what exists and lists the rest as invalid")
    func many() throws {
        let ssm = try SSMHarness()
        try ssm.put("a", "1")
        try ssm.put("/b/c", "2")
        let result = try ssm.deleteMany(["a", "missing", "/b/c", "bad name"])
        #expect(
            result
                == DeleteParametersResult(
                    DeletedParameters: ["a", "/b/c"], InvalidParameters: ["missing", "bad name"]))
        expectAWSError("ValidationException") { _ = try ssm.deleteMany((1...11).map { "p\($0)" }) }
    }
}
