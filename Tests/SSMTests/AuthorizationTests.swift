import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("Authorization through IAM")
struct AuthorizationTests {
    /// The ssm: questions asked, as "action resource".
    func asked(_ ssm: SSMHarness) -> [String] {
        ssm.authorizer.requests.filter { $0.action.hasPrefix("ssm:") }.map { "\($0.action) \($0.resource)" }
    }

    @Test("every operation asks ssm:<Operation> on the parameter ARN, never with a doubled slash")
    func actionsAndResources() throws {
        let ssm = try SSMHarness()
        let arn = "arn:aws:ssm:us-east-1:111122223333:parameter/app/db/user"
        let flat = "arn:aws:ssm:us-east-1:111122223333:parameter/USER"
        try ssm.put("/app/db/user", "u")
        try ssm.put("USER", "u")
        _ = try ssm.get("/app/db/user:1")
        _ = try ssm.getMany(["/app/db/user", "USER"])
        _ = try ssm.byPath("/app/db/")
        _ = try ssm.history("/app/db/user")
        _ = try ssm.describe()
        try ssm.label("/app/db/user", ["prod"])
        _ = try ssm.unlabel("/app/db/user", version: 1, ["prod"])
        try ssm.addTags("/app/db/user", [Tag(Key: "k", Value: "v")])
        _ = try ssm.listTags("/app/db/user")
        try ssm.removeTags("/app/db/user", ["k"])
        _ = try ssm.deleteMany(["USER"])
        try ssm.delete("/app/db/user")
        #expect(
            asked(ssm) == [
                "ssm:PutParameter \(arn)", "ssm:PutParameter \(flat)", "ssm:GetParameter \(arn)",
                "ssm:GetParameters \(arn)", "ssm:GetParameters \(flat)",
                "ssm:GetParametersByPath arn:aws:ssm:us-east-1:111122223333:parameter/app/db",
                "ssm:GetParameterHistory \(arn)", "ssm:DescribeParameters arn:aws:ssm:us-east-1:111122223333:*",
                "ssm:LabelParameterVersion \(arn)", "ssm:UnlabelParameterVersion \(arn)",
                "ssm:AddTagsToResource \(arn)",
                "ssm:ListTagsForResource \(arn)", "ssm:RemoveTagsFromResource \(arn)", "ssm:DeleteParameters \(flat)",
                "ssm:DeleteParameter \(arn)",
            ])
        #expect(ssm.authorizer.requests.allSatisfy { $0.caller.arn == "arn:aws:iam::111122223333:user/tester" })
        #expect(
            ssm.authorizer.requests.allSatisfy { $0.resourceAccountID == "111122223333" && $0.region == "us-east-1" })
    }

    @Test("creating with tags asks ssm:AddTagsToResource as well")
    func putWithTags() throws {
        let ssm = try SSMHarness()
        try ssm.put("t", "v", tags: [Tag(Key: "k", Value: "v")])
        #expect(
            asked(ssm) == [
                "ssm:PutParameter arn:aws:ssm:us-east-1:111122223333:parameter/t",
                "ssm:AddTagsToResource arn:aws:ssm:us-east-1:111122223333:parameter/t",
            ])
        ssm.authorizer.deny { $0.action == "ssm:AddTagsToResource" }
        expectAWSError("AccessDeniedException") { try ssm.put("t2", "v", tags: [Tag(Key: "k", Value: "v")]) }
        expectAWSError("ParameterNotFound") { _ = try ssm.get("t2") }
    }

    @Test("a refusal is AccessDeniedException, HTTP 400, with IAM's text, and nothing changes")
    func denied() throws {
        let ssm = try SSMHarness()
        try ssm.put("/app/db/user", "u")
        ssm.authorizer.deny { $0.action.hasPrefix("ssm:") }
        expectAWSError(
            "AccessDeniedException",
            "User: arn:aws:iam::111122223333:user/tester is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:111122223333:parameter/app/db/user because no identity-based policy allows the ssm:GetParameter action"
        ) { _ = try ssm.get("/app/db/user") }
        expectAWSError("AccessDeniedException") { try ssm.put("/app/db/user", "changed", overwrite: true) }
        expectAWSError("AccessDeniedException") { try ssm.delete("/app/db/user") }
        expectAWSError("AccessDeniedException") { _ = try ssm.get("/app/db/absent") }
        ssm.authorizer.deny { _ in false }
        #expect(try ssm.get("/app/db/user").Value == "u")
    }

    @Test("GetParameters fails whole when any named parameter is refused")
    func getParametersAllOrNothing() throws {
        let ssm = try SSMHarness()
        try ssm.put("open", "1")
        try ssm.put("closed", "2")
        ssm.authorizer.deny { $0.resource.hasSuffix("parameter/closed") }
        expectAWSError("AccessDeniedException") { _ = try ssm.getMany(["open", "closed"]) }
        #expect(try ssm.getMany(["open"]).Parameters.count == 1)
    }

    @Test("access to a path covers everything below it, as AWS documents")
    func pathAccess() throws {
        let ssm = try SSMHarness()
        try ssm.put("/a/b", "1")
        ssm.authorizer.deny { $0.resource.hasSuffix("parameter/a/b") }
        #expect(try ssm.byPath("/a").Parameters.map(\.Value) == ["1"])
    }
}
