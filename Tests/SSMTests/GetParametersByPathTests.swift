import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("GetParametersByPath")
struct GetParametersByPathTests {
    func seeded() throws -> SSMHarness {
        let ssm = try SSMHarness()
        try ssm.put("/app/db/user", "admin")
        try ssm.put("/app/db/password", "pw", type: "SecureString")
        try ssm.put("/app/name", "web")
        try ssm.put("/application/x", "not under /app")
        try ssm.put("USER", "flat")
        return ssm
    }

    @Test("without Recursive only the path's direct children; with it, everything below, in name order")
    func levels() throws {
        let ssm = try seeded()
        #expect(try ssm.byPath("/app").Parameters.map(\.Name) == ["/app/name"])
        #expect(
            try ssm.byPath("/app/", recursive: true).Parameters.map(\.Name) == [
                "/app/db/password", "/app/db/user", "/app/name",
            ])
        #expect(try ssm.byPath("/app/db").Parameters.map(\.Name) == ["/app/db/password", "/app/db/user"])
        #expect(try ssm.byPath("/").Parameters.map(\.Name) == ["USER"])
        #expect(try ssm.byPath("/", recursive: true).Parameters.count == 5)
        #expect(try ssm.byPath("/nothing/here").Parameters.isEmpty)
    }

    @Test("SecureStrings under the path are decrypted only with WithDecryption")
    func decryption() throws {
        let ssm = try seeded()
        let hidden = try ssm.byPath("/app/db").Parameters.first { $0.Name == "/app/db/password" }
        #expect(hidden?.Value != "pw")
        let shown = try ssm.byPath("/app/db", decrypt: true).Parameters.first { $0.Name == "/app/db/password" }
        #expect(shown?.Value == "pw")
    }

    @Test("MaxResults pages through with NextToken; MaxResults must be 1 to 10")
    func paging() throws {
        let ssm = try SSMHarness()
        for index in 0..<25 { try ssm.put("/p/n\(String(format: "%02d", index))", "v") }
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try ssm.byPath("/p", maxResults: 10, nextToken: token)
            names += page.Parameters.map(\.Name)
            token = page.NextToken
            pages += 1
        } while token != nil
        #expect(pages == 3)
        #expect(names == (0..<25).map { "/p/n\(String(format: "%02d", $0))" })
        #expect(try ssm.byPath("/p").Parameters.count == 10)
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10"
        ) { _ = try ssm.byPath("/p", maxResults: 11) }
        expectAWSError("ValidationException") { _ = try ssm.byPath("/p", maxResults: 0) }
        expectAWSError("InvalidNextToken", "The specified token isn't valid.") {
            _ = try ssm.byPath("/p", nextToken: "garbage")
        }
        let describeToken = try #require(try ssm.describe(maxResults: 1).NextToken)
        expectAWSError("InvalidNextToken") { _ = try ssm.byPath("/p", nextToken: describeToken) }
    }

    @Test("Type and KeyId filters narrow the result; a Label filter returns the labelled version")
    func filters() throws {
        let ssm = try seeded()
        let secure = try ssm.byPath(
            "/app", recursive: true,
            filters: [ParameterStringFilter(Key: "Type", Option: nil, Values: ["SecureString"])])
        #expect(secure.Parameters.map(\.Name) == ["/app/db/password"])
        let keyed = try ssm.byPath(
            "/app", recursive: true,
            filters: [ParameterStringFilter(Key: "KeyId", Option: "Equals", Values: ["alias/aws/ssm"])])
        #expect(keyed.Parameters.map(\.Name) == ["/app/db/password"])
        try ssm.put("/app/name", "web2", overwrite: true)
        try ssm.label("/app/name", version: 1, ["prod"])
        let labelled = try ssm.byPath(
            "/app", filters: [ParameterStringFilter(Key: "Label", Option: "Equals", Values: ["prod"])])
        #expect(labelled.Parameters.map(\.Value) == ["web"])
        #expect(labelled.Parameters.map(\.Version) == [1])
    }

    @Test("filter keys other than Type, KeyId and Label are InvalidFilterKey; options and values are checked")
    func invalidFilters() throws {
        let ssm = try seeded()
        expectAWSError(
            "InvalidFilterKey", "The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId]."
        ) { _ = try ssm.byPath("/app", filters: [ParameterStringFilter(Key: "Name", Option: nil, Values: ["x"])]) }
        expectAWSError("InvalidFilterKey") {
            _ = try ssm.byPath("/app", filters: [ParameterStringFilter(Key: "tag:team", Option: nil, Values: ["x"])])
        }
        expectAWSError(
            "InvalidFilterOption",
            "The following filter option is not valid: Contains. Valid options include: [BeginsWith, Equals]."
        ) {
            _ = try ssm.byPath(
                "/app", filters: [ParameterStringFilter(Key: "Type", Option: "Contains", Values: ["String"])])
        }
        expectAWSError("InvalidFilterOption") {
            _ = try ssm.byPath(
                "/app", filters: [ParameterStringFilter(Key: "Label", Option: "BeginsWith", Values: ["p"])])
        }
        expectAWSError(
            "InvalidFilterValue",
            "The following filter value is not valid: Number. Valid values include: [String, StringList, SecureString]."
        ) { _ = try ssm.byPath("/app", filters: [ParameterStringFilter(Key: "Type", Option: nil, Values: ["Number"])]) }
        expectAWSError("ValidationException") {
            _ = try ssm.byPath("/app", filters: [ParameterStringFilter(Key: "Colour", Option: nil, Values: ["x"])])
        }
        expectAWSError("InvalidFilterKey") {
            _ = try ssm.byPath(
                "/app",
                filters: [
                    ParameterStringFilter(Key: "Type", Option: nil, Values: ["String"]),
                    ParameterStringFilter(Key: "Type", Option: nil, Values: ["SecureString"]),
                ])
        }
    }

    @Test("a path must start with a slash and use the name characters")
    func invalidPath() throws {
        let ssm = try SSMHarness()
        for bad in ["app", "/a//b", "/a b"] {
            expectAWSError("ValidationException", ParameterPath.invalidMessage) { _ = try ssm.byPath(bad) }
        }
    }
}
