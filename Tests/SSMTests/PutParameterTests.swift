import AWSCore
import Foundation
import TestSupport
import Testing

@testable import SSM

@Suite("PutParameter")
struct PutParameterTests {
    @Test("creates version 1 in the Standard tier, and every overwrite adds a version")
    func versions() throws {
        let ssm = try SSMHarness()
        #expect(try ssm.put("USER", "username") == PutParameterResult(Version: 1, Tier: "Standard"))
        #expect(try ssm.put("USER", "other", type: nil, overwrite: true).Version == 2)
        #expect(try ssm.put("USER", "third", type: "String", overwrite: true).Version == 3)
        #expect(try ssm.get("USER").Value == "third")
    }

    @Test("an existing name without Overwrite is ParameterAlreadyExists")
    func alreadyExists() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "a")
        expectAWSError(
            "ParameterAlreadyExists",
            "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."
        ) { try ssm.put("USER", "b") }
        expectAWSError("ParameterAlreadyExists") { try ssm.put("/USER", "b") }
    }

    @Test("a new parameter needs a Type; Type must be one of the three")
    func typeRequired() throws {
        let ssm = try SSMHarness()
        expectAWSError("ValidationException", "A parameter type is required when you create a parameter.") {
            try ssm.put("USER", "a", type: nil)
        }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value 'Integer' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]"
        ) { try ssm.put("USER", "a", type: "Integer") }
    }

    @Test("the type of an existing parameter cannot change")
    func typeChange() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "a")
        expectAWSError("HierarchyTypeMismatchException") {
            try ssm.put("USER", "a", type: "SecureString", overwrite: true)
        }
        #expect(try ssm.get("USER").Version == 1)
    }

    @Test("Tags together with Overwrite are refused")
    func tagsWithOverwrite() throws {
        let ssm = try SSMHarness()
        try ssm.put("USER", "a")
        expectAWSError(
            "ValidationException",
            "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource."
        ) { try ssm.put("USER", "b", overwrite: true, tags: [Tag(Key: "k", Value: "v")]) }
    }

    @Test("names starting with aws or ssm are reserved, with AWS's three answers")
    func reservedNames() throws {
        let ssm = try SSMHarness()
        expectAWSError("AccessDeniedException", "No access to reserved parameter name: aws/app/x.") {
            try ssm.put("/aws/app/x", "a")
        }
        expectAWSError("AccessDeniedException", "No access to reserved parameter name: AWSsec/lab01/vpc_id.") {
            try ssm.put("/AWSsec/lab01/vpc_id", "a")
        }
        expectAWSError(
            "ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
        ) { try ssm.put("awsUser", "a") }
        expectAWSError(
            "ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."
        ) { try ssm.put("/SSMthing", "a") }
        expectAWSError("ValidationException", ParameterName.invalidNameMessage) { try ssm.put("/ssm/app/x", "a") }
    }

    @Test("names with spaces inside, other characters, or malformed paths are refused; outer spaces are trimmed")
    func nameCharacters() throws {
        let ssm = try SSMHarness()
        for bad in [
            "a b", "user@example", "a/b/c", "/a//b", "/a/b/", "/", "x:1",
            "arn:aws:ssm:us-east-1:111122223333:parameter/x",
        ] {
            expectAWSError("ValidationException", ParameterName.invalidNameMessage) { try ssm.put(bad, "v") }
        }
        try ssm.put("  padded  ", "v")
        #expect(try ssm.get("padded").Name == "padded")
    }

    @Test("a hierarchy holds at most 15 levels")
    func levels() throws {
        let ssm = try SSMHarness()
        let fifteen = (1...15).map { "/l\($0)" }.joined()
        try ssm.put(fifteen, "v")
        expectAWSError("HierarchyLevelLimitExceededException") { try ssm.put(fifteen + "/l16", "v") }
    }

    @Test("a name may be 1011 characters long counting the ARN prefix, and no longer")
    func nameLength() throws {
        let ssm = try SSMHarness()
        let prefix = "arn:aws:ssm:us-east-1:111122223333:parameter/"
        let longest = String(repeating: "n", count: 1011 - prefix.count)
        try ssm.put(longest, "v")
        let message = awsErrorMessage { try ssm.put(longest + "n", "v") }
        #expect(message?.contains("1011") == true)
        expectAWSError("ValidationException") { try ssm.put(longest + "n", "v") }
        let tooLong = String(repeating: "n", count: 2049)
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value '\(tooLong)' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048"
        ) { try ssm.put(tooLong, "v") }
    }

    @Test("missing Name and Value are reported together as AWS's front end does")
    func requiredMembers() throws {
        let ssm = try SSMHarness()
        expectAWSError(
            "ValidationException",
            "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'value' failed to satisfy constraint: Member must not be null"
        ) {
            _ = try ssm.backend.putParameter(PutParameterRequest(), context: ssm.context("PutParameter"))
        }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ) { try ssm.put("USER", "") }
    }

    @Test("Standard values hold 4096 characters, Advanced 8192")
    func valueLimits() throws {
        let ssm = try SSMHarness()
        try ssm.put("std", String(repeating: "x", count: 4096))
        expectAWSError(
            "ValidationException",
            "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html"
        ) { try ssm.put("std2", String(repeating: "x", count: 4097)) }
        #expect(try ssm.put("adv", String(repeating: "x", count: 8192), tier: "Advanced").Tier == "Advanced")
        expectAWSError("ValidationException") {
            try ssm.put("adv2", String(repeating: "x", count: 8193), tier: "Advanced")
        }
    }

    @Test("Intelligent-Tiering picks Standard unless the value needs Advanced; Advanced never goes back")
    func intelligentTiering() throws {
        let ssm = try SSMHarness()
        #expect(try ssm.put("small", "v", tier: "Intelligent-Tiering").Tier == "Standard")
        #expect(try ssm.put("big", String(repeating: "x", count: 5000), tier: "Intelligent-Tiering").Tier == "Advanced")
        #expect(try ssm.put("big", "now small", overwrite: true, tier: "Intelligent-Tiering").Tier == "Advanced")
        #expect(try ssm.put("big", "kept", overwrite: true).Tier == "Advanced")
        expectAWSError("ValidationException") { try ssm.put("big", "down", overwrite: true, tier: "Standard") }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value 'Premium' at 'tier' failed to satisfy constraint: Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]"
        ) { try ssm.put("t", "v", tier: "Premium") }
    }

    @Test("the standard-parameter quota: full means ParameterLimitExceeded, or Advanced under Intelligent-Tiering")
    func parameterQuota() throws {
        var limits = SSMLimits()
        limits.standardParameters = 2
        let ssm = try SSMHarness(limits: limits)
        try ssm.put("a", "v")
        try ssm.put("b", "v")
        expectAWSError("ParameterLimitExceeded") { try ssm.put("c", "v") }
        #expect(try ssm.put("c", "v", tier: "Intelligent-Tiering").Tier == "Advanced")
        #expect(try ssm.put("a", "v2", overwrite: true).Version == 2)
    }

    @Test("AllowedPattern must match the whole value, is kept for later versions, and must compile")
    func allowedPattern() throws {
        let ssm = try SSMHarness()
        try ssm.put("port", "8080", allowedPattern: "\\d+")
        expectAWSError(
            "ParameterPatternMismatchException", "Parameter value, cannot be validated against allowedPattern: \\d+"
        ) { try ssm.put("port", "80a", overwrite: true) }
        expectAWSError("ParameterPatternMismatchException") { try ssm.put("p2", "abc8080", allowedPattern: "\\d+") }
        expectAWSError("InvalidAllowedPatternException", "The request doesn't meet the regular expression requirement.")
        {
            try ssm.put("p3", "v", allowedPattern: "([a-z")
        }
        #expect(try ssm.put("port", "9090", overwrite: true).Version == 2)
    }

    @Test("a pattern mismatch on a SecureString does not reveal the value")
    func patternMismatchHidesSecret() throws {
        let ssm = try SSMHarness()
        let message = awsErrorMessage {
            try ssm.put("secret", "hunter2-secret", type: "SecureString", allowedPattern: "^[0-9]+$")
        }
        #expect(message == "Parameter value, cannot be validated against allowedPattern: ^[0-9]+$")
    }

    @Test("values may not nest references to other parameters")
    func nestedReferences() throws {
        let ssm = try SSMHarness()
        expectAWSError("ValidationException") { try ssm.put("nested", "x{{ssm:other}}y") }
        try ssm.put("braces", "{ not a reference }")
    }

    @Test("DataType: text by default, aws:ec2:image checked for the AMI form, anything else refused")
    func dataType() throws {
        let ssm = try SSMHarness()
        try ssm.put("plain", "v")
        #expect(try ssm.get("plain").DataType == "text")
        try ssm.put("ami", "ami-0123456789abcdef0", dataType: "aws:ec2:image")
        #expect(try ssm.get("ami").DataType == "aws:ec2:image")
        expectAWSError("ValidationException") { try ssm.put("ami2", "not-an-ami", dataType: "aws:ec2:image") }
        expectAWSError(
            "ValidationException", "The following data type is not supported: Text (Data type names are all lowercase.)"
        ) { try ssm.put("x", "v", dataType: "Text") }
        expectAWSError("NotImplemented", status: 501) { try ssm.put("x", "v", dataType: "aws:ssm:integration") }
    }

    @Test("parameter policies are not built and answer 501, never a silent success; an empty list is no policy")
    func policies() throws {
        let ssm = try SSMHarness()
        expectAWSError("NotImplemented", status: 501) {
            _ = try ssm.backend.putParameter(
                PutParameterRequest(
                    Name: "p", Value: "v", Type: "String", Tier: "Advanced",
                    Policies:
                        #"[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00.000Z"}}]"#
                ),
                context: ssm.context("PutParameter"))
        }
        expectAWSError("ParameterNotFound") { _ = try ssm.get("p") }
        let cleared = try ssm.backend.putParameter(
            PutParameterRequest(Name: "p", Value: "v", Type: "String", Policies: "[]"),
            context: ssm.context("PutParameter"))
        #expect(cleared.Version == 1)
    }

    @Test("KeyId belongs to SecureString parameters only")
    func keyIDOnlyForSecureString() throws {
        let ssm = try SSMHarness()
        expectAWSError("ValidationException", "KeyId is required for SecureString type parameter only.") {
            try ssm.put("plain", "v", keyID: "alias/aws/ssm")
        }
    }

    @Test("Description and DataType are kept when an overwrite leaves them out")
    func keptMembers() throws {
        let ssm = try SSMHarness()
        try ssm.put("d", "v", description: "the user")
        try ssm.put("d", "w", overwrite: true)
        let metadata = try ssm.describe().Parameters.first { $0.Name == "d" }
        #expect(metadata?.Description == "the user")
        #expect(metadata?.Version == 2)
    }

    @Test("LastModifiedDate and LastModifiedUser come from the injected clock and the caller")
    func lastModified() throws {
        let ssm = try SSMHarness()
        try ssm.put("t", "v")
        ssm.clock.advance(60)
        try ssm.put("t", "w", overwrite: true)
        let history = try ssm.history("t").Parameters
        #expect(
            history.map(\.LastModifiedDate) == [
                Date(timeIntervalSince1970: 1_700_000_000), Date(timeIntervalSince1970: 1_700_000_060),
            ])
        #expect(history.allSatisfy { $0.LastModifiedUser == "arn:aws:iam::111122223333:user/tester" })
        #expect(try ssm.get("t").LastModifiedDate == Date(timeIntervalSince1970: 1_700_000_060))
    }

    @Test("only the 100 most recent versions are kept; a labelled oldest version stops the 101st write")
    func versionLimit() throws {
        let ssm = try SSMHarness()
        try ssm.put("v", "1")
        for number in 2...100 { try ssm.put("v", "\(number)", overwrite: true) }
        try ssm.label("v", version: 1, ["keep"])
        expectAWSError(
            "ParameterMaxVersionLimitExceeded",
            "You attempted to create a new version of v by calling the PutParameter API with the overwrite flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again."
        ) { try ssm.put("v", "101", overwrite: true) }
        try ssm.label("v", version: 50, ["keep"])
        #expect(try ssm.put("v", "101", overwrite: true).Version == 101)
        expectAWSError("ParameterVersionNotFound") { _ = try ssm.get("v:1") }
        #expect(try ssm.get("v:2").Value == "2")
        #expect(try ssm.history("v", maxResults: 50).Parameters.first?.Version == 2)
    }

    @Test("more than 50 tags at creation is TooManyTagsError; bad tag keys are a ValidationException")
    func tagsAtCreation() throws {
        let ssm = try SSMHarness()
        let tags = (1...51).map { Tag(Key: "k\($0)", Value: "v") }
        expectAWSError("TooManyTagsError") { try ssm.put("t", "v", tags: tags) }
        expectAWSError(
            "ValidationException",
            "1 validation error detected: Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"
        ) { try ssm.put("t", "v", tags: [Tag(Key: "bad#key", Value: "v")]) }
        try ssm.put("t", "v", tags: [Tag(Key: "team", Value: "core")])
        #expect(try ssm.listTags("t") == [Tag(Key: "team", Value: "core")])
    }
}
