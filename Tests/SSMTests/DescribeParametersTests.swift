import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("DescribeParameters")
struct DescribeParametersTests {
    func seeded() throws -> SSMHarness {
        let ssm = try SSMHarness()
        try ssm.put("/app/db/user", "admin", description: "db user")
        try ssm.put("/app/db/password", "pw", type: "SecureString", tags: [Tag(Key: "team", Value: "core")])
        try ssm.put("/app/list", "a,b", type: "StringList", tier: "Advanced")
        try ssm.put("USER", "flat", allowedPattern: "[a-z]+")
        try ssm.put("ami", "ami-0123456789abcdef0", dataType: "aws:ec2:image")
        return ssm
    }

    func names(_ ssm: SSMHarness, _ filters: [ParameterStringFilter]) throws -> [String] {
        try ssm.describe(parameterFilters: filters, maxResults: 50).Parameters.map(\.Name)
    }

    @Test("lists metadata without values, ten at a time by default")
    func metadata() throws {
        let ssm = try seeded()
        let all = try ssm.describe().Parameters
        #expect(all.map(\.Name) == ["/app/db/password", "/app/db/user", "/app/list", "USER", "ami"])
        let user = try #require(all.first { $0.Name == "/app/db/user" })
        #expect(user.Description == "db user")
        #expect(user.ARN == "arn:aws:ssm:us-east-1:111122223333:parameter/app/db/user")
        #expect(user.KeyId == nil)
        #expect(all.first { $0.Name == "USER" }?.AllowedPattern == "[a-z]+")
        #expect(all.first { $0.Name == "/app/db/password" }?.KeyId == "alias/aws/ssm")
        #expect(all.first { $0.Name == "/app/list" }?.Tier == "Advanced")
        for index in 0..<12 { try ssm.put("/many/p\(index)", "v") }
        let page = try ssm.describe()
        #expect(page.Parameters.count == 10)
        let rest = try ssm.describe(maxResults: 50, nextToken: page.NextToken)
        #expect(rest.Parameters.count == 7)
        #expect(rest.NextToken == nil)
    }

    @Test("ParameterFilters: Name, Path, Type, KeyId, Tier, DataType and tags")
    func parameterFilters() throws {
        let ssm = try seeded()
        func filter(_ key: String, _ option: String?, _ values: [String]?) -> [ParameterStringFilter] {
            [ParameterStringFilter(Key: key, Option: option, Values: values)]
        }
        #expect(try names(ssm, filter("Name", nil, ["USER"])) == ["USER"])
        #expect(try names(ssm, filter("Name", "Equals", ["/USER"])) == ["USER"])
        #expect(try names(ssm, filter("Name", "BeginsWith", ["/app/db"])) == ["/app/db/password", "/app/db/user"])
        #expect(try names(ssm, filter("Name", "Contains", ["pass"])) == ["/app/db/password"])
        #expect(try names(ssm, filter("Path", nil, ["/app"])) == ["/app/list"])
        #expect(
            try names(ssm, filter("Path", "Recursive", ["/app"])) == ["/app/db/password", "/app/db/user", "/app/list"])
        #expect(try names(ssm, filter("Path", "OneLevel", ["/"])) == ["USER", "ami"])
        #expect(try names(ssm, filter("Type", "Equals", ["StringList"])) == ["/app/list"])
        #expect(try names(ssm, filter("KeyId", nil, ["alias/aws/ssm"])) == ["/app/db/password"])
        #expect(try names(ssm, filter("Tier", nil, ["Advanced"])) == ["/app/list"])
        #expect(try names(ssm, filter("DataType", nil, ["aws:ec2:image"])) == ["ami"])
        #expect(try names(ssm, filter("tag:team", nil, nil)) == ["/app/db/password"])
        #expect(try names(ssm, filter("tag:team", "Equals", ["other"])).isEmpty)
    }

    @Test("the deprecated Filters still work, but not together with ParameterFilters")
    func legacyFilters() throws {
        let ssm = try seeded()
        let byType = try ssm.describe(filters: [ParametersFilter(Key: "Type", Values: ["SecureString"])])
        #expect(byType.Parameters.map(\.Name) == ["/app/db/password"])
        let byName = try ssm.describe(filters: [ParametersFilter(Key: "Name", Values: ["/app/db"])])
        #expect(byName.Parameters.map(\.Name) == ["/app/db/password", "/app/db/user"])
        expectAWSError("ValidationException", "You can use either Filters or ParameterFilters in a single request.") {
            _ = try ssm.describe(
                filters: [ParametersFilter(Key: "Type", Values: ["String"])],
                parameterFilters: [ParameterStringFilter(Key: "Type", Option: nil, Values: ["String"])])
        }
        expectAWSError("ValidationException") {
            _ = try ssm.describe(filters: [ParametersFilter(Key: "Tier", Values: ["x"])])
        }
    }

    @Test("Label is not a DescribeParameters filter; options, values and Path values are checked")
    func invalidFilters() throws {
        let ssm = try seeded()
        expectAWSError(
            "InvalidFilterKey",
            "The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier]."
        ) { _ = try ssm.describe(parameterFilters: [ParameterStringFilter(Key: "Label", Option: nil, Values: ["x"])]) }
        expectAWSError(
            "InvalidFilterOption",
            "The following filter option is not valid: Deep. Valid options include: [Recursive, OneLevel]."
        ) {
            _ = try ssm.describe(parameterFilters: [
                ParameterStringFilter(Key: "Path", Option: "Deep", Values: ["/app"])
            ])
        }
        expectAWSError(
            "InvalidFilterValue", "The following filter values are missing : null for filter key Name."
        ) { _ = try ssm.describe(parameterFilters: [ParameterStringFilter(Key: "Name", Option: nil, Values: nil)]) }
        expectAWSError("ValidationException") {
            _ = try ssm.describe(parameterFilters: [
                ParameterStringFilter(Key: "Path", Option: nil, Values: ["/aws/service"])
            ])
        }
        expectAWSError("ValidationException", ParameterPath.invalidMessage) {
            _ = try ssm.describe(parameterFilters: [ParameterStringFilter(Key: "Path", Option: nil, Values: ["app"])])
        }
    }

    @Test("MaxResults must be 1 to 50; Shared lists nothing since nothing can be shared")
    func bounds() throws {
        let ssm = try seeded()
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50"
        ) { _ = try ssm.describe(maxResults: 51) }
        #expect(try ssm.describe(shared: true).Parameters.isEmpty)
    }
}
