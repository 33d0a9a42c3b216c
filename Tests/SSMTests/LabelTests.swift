import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("LabelParameterVersion and UnlabelParameterVersion")
struct LabelTests {
    @Test("labels go on the latest version by default and move when put on another version")
    func moveLabels() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "one")
        try ssm.put("USER", "two", overwrite: true)
        #expect(try ssm.label("USER", ["prod"]) == LabelParameterVersionResult(InvalidLabels: [], ParameterVersion: 2))
        #expect(try ssm.get("USER:prod").Version == 2)
        #expect(try ssm.label("USER", version: 1, ["prod"]).ParameterVersion == 1)
        #expect(try ssm.get("USER:prod").Version == 1)
        #expect(try ssm.history("USER").Parameters.map(\.Labels) == [["prod"], []])
    }

    @Test("labels breaking the naming rules are returned in InvalidLabels and not attached")
    func invalidLabels() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "one")
        let result = try ssm.label(
            "USER", ["ok-label_1.0", "1starts-with-digit", "awsReserved", "SSMreserved", "bad/char"])
        #expect(result.InvalidLabels == ["1starts-with-digit", "awsReserved", "SSMreserved", "bad/char"])
        #expect(try ssm.history("USER").Parameters.first?.Labels == ["ok-label_1.0"])
    }

    @Test("a version carries at most ten labels")
    func labelLimit() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "one")
        try ssm.label("USER", (1...10).map { "l\($0)" })
        try ssm.label("USER", ["l1", "l2"])
        expectAWSError("ParameterVersionLabelLimitExceeded") { try ssm.label("USER", ["l11"]) }
        expectAWSError("ValidationException") { try ssm.label("USER", (1...11).map { "x\($0)" }) }
        expectAWSError("ValidationException") { try ssm.label("USER", [String(repeating: "a", count: 101)]) }
    }

    @Test("a missing parameter or version is reported as such")
    func missing() throws {
        let ssm = try SSMHarness()
        expectAWSError("ParameterNotFound") { try ssm.label("nope", ["a"]) }
        try ssm.put("USER", "one")
        expectAWSError(
            "ParameterVersionNotFound",
            "Systems Manager could not find version 4 of USER. Verify the version and try again."
        ) { try ssm.label("USER", version: 4, ["a"]) }
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.unlabel("USER", version: 4, ["a"]) }
        expectAWSError("ParameterNotFound") { _ = try ssm.unlabel("nope", version: 1, ["a"]) }
    }

    @Test("unlabelling removes labels that version carries and lists the others as invalid")
    func unlabel() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "one")
        try ssm.put("USER", "two", overwrite: true)
        try ssm.label("USER", version: 1, ["a", "b"])
        let result = try ssm.unlabel("USER", version: 1, ["a", "c"])
        #expect(result == UnlabelParameterVersionResult(RemovedLabels: ["a"], InvalidLabels: ["c"]))
        #expect(try ssm.unlabel("USER", version: 2, ["b"]).InvalidLabels == ["b"])
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.get("USER:a") }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value null at 'parameterVersion' failed to satisfy constraint: Member must not be null"
        ) { _ = try ssm.unlabel("USER", version: nil, ["b"]) }
    }
}

@Suite("Tags of parameters")
struct TagTests {
    @Test("add, overwrite, list in key order and remove tags")
    func roundTrip() throws {
        let ssm = try SSMHarness()
        try ssm.put("/app/user", "u")
        try ssm.addTags("/app/user", [Tag(Key: "team", Value: "core"), Tag(Key: "env", Value: "dev")])
        try ssm.addTags("/app/user", [Tag(Key: "env", Value: "prod")])
        #expect(try ssm.listTags("/app/user") == [Tag(Key: "env", Value: "prod"), Tag(Key: "team", Value: "core")])
        try ssm.removeTags("/app/user", ["team", "absent"])
        #expect(try ssm.listTags("/app/user") == [Tag(Key: "env", Value: "prod")])
    }

    @Test("a missing parameter is InvalidResourceId; other resource types are not built")
    func resourceChecks() throws {
        let ssm = try SSMHarness()
        expectAWSError("InvalidResourceId") { _ = try ssm.listTags("nope") }
        expectAWSError("InvalidResourceId") { try ssm.addTags("bad name", [Tag(Key: "k", Value: "v")]) }
        expectAWSError("NotImplemented", status: 501) {
            _ = try ssm.listTags("mw-0123456789abcdef0", type: "MaintenanceWindow")
        }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value 'Bucket' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [Document, ManagedInstance, MaintenanceWindow, Parameter, PatchBaseline, OpsItem, OpsMetadata, Automation, Association]"
        ) { _ = try ssm.listTags("x", type: "Bucket") }
    }

    @Test("a parameter carries at most 50 tags")
    func tagLimit() throws {
        let ssm = try SSMHarness()
        try ssm.put("p", "v")
        try ssm.addTags("p", (1...50).map { Tag(Key: "k\($0)", Value: "v") })
        try ssm.addTags("p", [Tag(Key: "k1", Value: "changed")])
        expectAWSError("TooManyTagsError") { try ssm.addTags("p", [Tag(Key: "k51", Value: "v")]) }
    }
}
