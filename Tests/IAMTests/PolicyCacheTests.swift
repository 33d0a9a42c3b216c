import AWSCore
import Foundation
import Testing

@testable import IAM

/// Authorization parses each policy text once and answers global keys when asked; none of that
/// may change a decision, and an edited policy must apply from the very next request.
@Suite("Policy document cache")
struct PolicyCacheTests {
    static func allow(_ action: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#
    }

    @Test("a text is parsed once; a different text is parsed anew")
    func byText() throws {
        let cache = PolicyCache()
        let first = try cache.document(Self.allow("ssm:GetParameter"))
        #expect(try cache.document(Self.allow("ssm:GetParameter")) == first)
        let edited = try cache.document(Self.allow("ssm:PutParameter"))
        #expect(edited != first)
        #expect(edited == (try PolicyDocument(parsing: Self.allow("ssm:PutParameter"))))
        #expect(cache.count == 2)
    }

    @Test("a malformed text gives IAM's error every time")
    func malformed() {
        let cache = PolicyCache()
        for _ in 0..<2 {
            #expect(throws: PolicyParseError.invalidJSON) { try cache.document("{not json") }
        }
    }

    @Test("once full, the oldest text makes room and is parsed again when asked")
    func bounded() throws {
        let cache = PolicyCache(capacity: 3)
        for index in 0..<5 { _ = try cache.document(Self.allow("ssm:Action\(index)")) }
        #expect(cache.count == 3)
        let oldest = try cache.document(Self.allow("ssm:Action0"))
        #expect(oldest == (try PolicyDocument(parsing: Self.allow("ssm:Action0"))))
        #expect(cache.count == 3)
    }

    func ask(_ world: IAMWorld, _ caller: CallerIdentity, _ action: String, requestID: String) -> AccessDenial? {
        do {
            try world.authorizer.authorize(
                AuthorizationRequest(
                    caller: caller, action: action, resource: "arn:aws:ssm:us-east-1:000000000000:parameter/p",
                    resourceAccountID: caller.accountID, requestID: requestID, region: "us-east-1"))
            return nil
        } catch {
            return error
        }
    }

    @Test("an inline policy replaced through the IAM API decides the very next request")
    func inlineEdit() throws {
        let world = try IAMWorld()
        world.role("app", inline: ["params": Self.allow("ssm:GetParameter")])
        let session = world.instanceSession(profile: "app", role: "app")
        #expect(ask(world, session, "ssm:GetParameter", requestID: "r1") == nil)
        #expect(ask(world, session, "ssm:GetParameter", requestID: "r2") == nil)

        let put = world.iam(
            "PutRolePolicy",
            ["RoleName": "app", "PolicyName": "params", "PolicyDocument": Self.allow("ssm:PutParameter")])
        #expect(put.status == 200)
        let denial = try #require(ask(world, session, "ssm:GetParameter", requestID: "r3"))
        #expect(denial.reason == .noIdentityPolicyAllows)
        #expect(ask(world, session, "ssm:PutParameter", requestID: "r4") == nil)
    }

    @Test("a new default version of a customer managed policy decides the very next request")
    func managedVersion() throws {
        let world = try IAMWorld()
        let created = world.iam(
            "CreatePolicy", ["PolicyName": "params", "PolicyDocument": Self.allow("ssm:GetParameter")])
        let arn = try #require(created.value("Arn"))
        world.role("app", managed: [arn])
        let session = world.instanceSession(profile: "app", role: "app")
        #expect(ask(world, session, "ssm:GetParameter", requestID: "r1") == nil)

        let version = world.iam(
            "CreatePolicyVersion",
            ["PolicyArn": arn, "PolicyDocument": Self.allow("ssm:PutParameter"), "SetAsDefault": "true"])
        #expect(version.status == 200)
        #expect(ask(world, session, "ssm:GetParameter", requestID: "r2") != nil)
        let decision = try #require(world.module.decisions.decisions(requestID: "r2").last)
        #expect(decision.explanation == "no identity-based or resource-based policy allows")
        #expect(decision.statements.map(\.policy) == ["managed policy \(arn) (v2)"])
    }

    @Test("a repeated request is decided and explained exactly as the first")
    func repeatable() throws {
        let world = try IAMWorld()
        world.role(
            "app", managed: ["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"],
            inline: [
                "no-put":
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ssm:Put*","Resource":"*"}]}"#
            ])
        let session = world.instanceSession(profile: "app", role: "app")
        for action in ["ssm:GetParameter", "ssm:PutParameter", "ecr:BatchGetImage"] {
            _ = ask(world, session, action, requestID: "first-\(action)")
            _ = ask(world, session, action, requestID: "again-\(action)")
            let first = try #require(world.module.decisions.decisions(requestID: "first-\(action)").last)
            let again = try #require(world.module.decisions.decisions(requestID: "again-\(action)").last)
            #expect(again.decision == first.decision)
            #expect(again.explanation == first.explanation)
            #expect(again.message == first.message)
            #expect(again.statements == first.statements)
        }
    }

    @Test("a decision shows the statements that matched, or every statement with its reason when none did")
    func shownStatements() throws {
        let world = try IAMWorld()
        let policy = #"""
            {"Version":"2012-10-17","Statement":[
             {"Sid":"Read","Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"},
             {"Sid":"Elsewhere","Effect":"Allow","Action":"ssm:PutParameter",
              "Resource":"arn:aws:ssm:*:*:parameter/other"},
             {"Effect":"Deny","NotAction":"ssm:*","Resource":"*"}]}
            """#
        world.role("app", inline: ["params": policy])
        let session = world.instanceSession(profile: "app", role: "app")
        let label = "inline policy params of role app"

        #expect(ask(world, session, "ssm:GetParameter", requestID: "read") == nil)
        let allowed = try #require(world.module.decisions.decisions(requestID: "read").last)
        #expect(allowed.explanation == "allowed by \(label), Sid \"Read\"")
        #expect(
            allowed.statements == [
                .init(policy: label, statement: "Sid \"Read\"", effect: "Allow", result: "matched", detail: "matched")
            ])

        #expect(ask(world, session, "ssm:PutParameter", requestID: "put") != nil)
        let denied = try #require(world.module.decisions.decisions(requestID: "put").last)
        let resource = "arn:aws:ssm:us-east-1:000000000000:parameter/p"
        #expect(
            denied.statements == [
                .init(
                    policy: label, statement: "Sid \"Read\"", effect: "Allow", result: "not matched",
                    detail: "action ssm:PutParameter not in Action"),
                .init(
                    policy: label, statement: "Sid \"Elsewhere\"", effect: "Allow", result: "not matched",
                    detail: "resource \(resource) not in Resource"),
                .init(
                    policy: label, statement: "statement #3", effect: "Deny", result: "not matched",
                    detail: "action ssm:PutParameter is in NotAction"),
            ])
    }

    @Test("global condition keys are answered when a condition asks for them")
    func globalKeys() throws {
        let world = try IAMWorld()
        let policy = #"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:GetParameter",
             "Resource":"arn:aws:ssm:*:*:parameter/${aws:username}*",
             "Condition":{"StringEquals":{"aws:PrincipalType":"User","aws:RequestedRegion":"us-east-1",
               "aws:ResourceAccount":"000000000000","aws:PrincipalTag/Team":"web"},
               "DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z","aws:EpochTime":"4070908800"},
               "Bool":{"aws:SecureTransport":"false","aws:PrincipalIsAWSService":"false"}}}]}
            """#
        let user = world.user("p", inline: ["own-parameters": policy])
        #expect(ask(world, user, "ssm:GetParameter", requestID: "untagged") != nil)
        let tagged = world.iam(
            "TagUser", ["UserName": "p", "Tags.member.1.Key": "team", "Tags.member.1.Value": "web"])
        #expect(tagged.status == 200)
        #expect(ask(world, user, "ssm:GetParameter", requestID: "tagged") == nil)
        let decision = try #require(world.module.decisions.decisions(requestID: "tagged").last)
        #expect(decision.unsupported.isEmpty)
    }
}

@Suite("Wildcards on ASCII bytes and on Unicode text")
struct WildcardTests {
    @Test("actions match case-insensitively, with * and ?")
    func actions() {
        #expect(Wildcard.matches("ecr:Get*", "ECR:GETAUTHORIZATIONTOKEN", caseInsensitive: true))
        #expect(Wildcard.matches("ecr:?etAuthorizationToken", "ecr:GetAuthorizationToken", caseInsensitive: true))
        #expect(!Wildcard.matches("ecr:Get*", "ecr:BatchGetImage", caseInsensitive: true))
        #expect(!Wildcard.matches("ecr:Get*", "ECR:GET", caseInsensitive: false))
        #expect(Wildcard.matches("*", ""))
        #expect(!Wildcard.matches("?", ""))
        #expect(Wildcard.matches("a*b*c", "axxbyyc"))
        #expect(!Wildcard.matches("a*b*c", "axxbyy"))
    }

    @Test("? is one character, also when it is not ASCII")
    func unicode() {
        #expect(Wildcard.matches("caf?", "café"))
        #expect(!Wildcard.matches("caf??", "café"))
        #expect(Wildcard.matches("CAFÉ*", "café-1", caseInsensitive: true))
        #expect(Wildcard.matchesARN("arn:aws:s3:::b/caf?", "arn:aws:s3:::b/café"))
    }

    @Test("ARNs match segment by segment; the pattern's last segment takes the rest")
    func arns() {
        let repository = "arn:aws:ecr:us-east-1:111111111111:repository/app"
        #expect(Wildcard.matchesARN("arn:aws:ecr:*:111111111111:repository/*", repository))
        #expect(!Wildcard.matchesARN("arn:aws:ecr:*:222222222222:repository/*", repository))
        #expect(!Wildcard.matchesARN("arn:aws:ecr:*:repository/app", repository))
        #expect(Wildcard.matchesARN("arn:aws:*", repository))
        #expect(Wildcard.matchesARN("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b"))
        #expect(Wildcard.matchesARN("arn:aws:ecr:us-east-1:111111111111:*", repository))
        #expect(!Wildcard.matchesARN("arn:aws:ecr:us-east-1:111111111111:", repository))
        #expect(!Wildcard.matchesARN("arn:aws:ssm:*", "arn:aws:ssm"))
        #expect(Wildcard.matchesARN("repository/*", "repository/app"))
    }
}

@Suite("Assumed-role ARNs")
struct AssumedRoleARNTests {
    @Test("a session ARN splits into its role and its session name")
    func parts() {
        let parts = IAMARN.assumedRoleParts("arn:aws:sts::000000000000:assumed-role/app/i-0123456789abcdef0")
        #expect(parts?.0 == "app")
        #expect(parts?.1 == "i-0123456789abcdef0")
        #expect(IAMARN.assumedRoleParts("arn:aws:sts::000000000000:assumed-role/app/a/b")?.1 == "a/b")
        #expect(IAMARN.assumedRoleParts("arn:aws:sts::000000000000:assumed-role/app") == nil)
        #expect(IAMARN.assumedRoleParts("arn:aws:sts::000000000000:assumed-role/app/") == nil)
        #expect(IAMARN.assumedRoleParts("arn:aws:iam::000000000000:role/app") == nil)
    }
}
