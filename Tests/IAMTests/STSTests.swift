import AWSCore
import Foundation
import Testing

@testable import IAM

@Suite("STS GetCallerIdentity")
struct GetCallerIdentityTests {
    @Test("answers the root user, an IAM user and a role session with their ARNs")
    func identities() throws {
        let world = try IAMWorld()
        let root = world.sts("GetCallerIdentity")
        #expect(root.value("Arn") == "arn:aws:iam::000000000000:root")
        #expect(root.value("Account") == "000000000000")
        let alice = world.user("alice")
        let user = world.sts("GetCallerIdentity", as: alice)
        #expect(user.value("Arn") == "arn:aws:iam::000000000000:user/alice")
        #expect(user.value("UserId")?.hasPrefix("AIDA") == true)
        world.role("web")
        let session = world.instanceSession(profile: "web", role: "web", instanceID: "i-0feedfacecafe0001")
        let assumed = world.sts("GetCallerIdentity", as: session)
        #expect(assumed.value("Arn") == "arn:aws:sts::000000000000:assumed-role/web/i-0feedfacecafe0001")
        #expect(assumed.value("UserId")?.hasSuffix(":i-0feedfacecafe0001") == true)
    }

    @Test("an explicit Deny of sts:GetCallerIdentity does not stop it, as AWS documents")
    func cannotBeDenied() throws {
        let world = try IAMWorld()
        let alice = world.user(
            "alice",
            inline: [
                "deny-all": #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#
            ])
        #expect(world.sts("GetCallerIdentity", as: alice).status == 200)
    }
}

@Suite("STS AssumeRole")
struct AssumeRoleTests {
    static func trust(_ principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"}]}"#
    }

    @Test("a trusted user gets ASIA credentials with a token and an expiry, usable at once")
    func issues() throws {
        let world = try IAMWorld()
        let alice = world.user("alice")
        let roleARN = world.role("deploy", trust: Self.trust(alice.arn))
        let reply = world.sts(
            "AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "ci-run", "DurationSeconds": "900"], as: alice)
        #expect(reply.status == 200, "\(reply.body)")
        let key = try #require(reply.value("AccessKeyId"))
        #expect(key.hasPrefix("ASIA"))
        #expect(reply.value("Arn") == "arn:aws:sts::000000000000:assumed-role/deploy/ci-run")
        #expect(reply.value("Expiration") == IAMDate.iso8601(world.clock.now.addingTimeInterval(900)))
        let credential = try #require(world.credentials.credential(forAccessKey: key))
        #expect(credential.sessionToken == reply.value("SessionToken"))
        #expect(credential.identity.arn == "arn:aws:sts::000000000000:assumed-role/deploy/ci-run")
    }

    @Test("a caller the trust policy does not name is refused with STS's message")
    func untrusted() throws {
        let world = try IAMWorld()
        let mallory = world.user("mallory", managed: ["arn:aws:iam::aws:policy/AdministratorAccess"])
        let roleARN = world.role("deploy", trust: Self.trust("arn:aws:iam::000000000000:user/alice"))
        let reply = world.sts("AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "x1"], as: mallory)
        #expect(reply.status == 403)
        #expect(reply.code == "AccessDenied")
        #expect(
            reply.message
                == "User: arn:aws:iam::000000000000:user/mallory is not authorized to perform: sts:AssumeRole on resource: \(roleARN)"
        )
        let ghost = world.sts(
            "AssumeRole", ["RoleArn": "arn:aws:iam::000000000000:role/ghost", "RoleSessionName": "x1"], as: mallory)
        #expect(
            ghost.message
                == "User: arn:aws:iam::000000000000:user/mallory is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/ghost"
        )
    }

    @Test("the root user may not assume roles under enforcement")
    func rootRefused() throws {
        let world = try IAMWorld()
        let roleARN = world.role("deploy", trust: Self.trust("arn:aws:iam::000000000000:root"))
        let reply = world.sts("AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "x1"])
        #expect(reply.message == "Roles may not be assumed by root accounts.")
    }

    @Test("DurationSeconds beyond the role's maximum, or beyond an hour when chaining, is a ValidationError")
    func durations() throws {
        let world = try IAMWorld()
        let alice = world.user("alice")
        let roleARN = world.role(
            "deploy",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"sts:AssumeRole"}]}"#
        )
        _ = world.iam(
            "PutUserPolicy",
            [
                "UserName": "alice", "PolicyName": "assume",
                "PolicyDocument":
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
            ])
        let long = world.sts(
            "AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "x1", "DurationSeconds": "7200"], as: alice)
        #expect(long.code == "ValidationError")
        #expect(long.message == "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        let short = world.sts(
            "AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "x1", "DurationSeconds": "60"], as: alice)
        #expect(
            short.message
                == "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
        )
        let badName = world.sts("AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "has space"], as: alice)
        #expect(
            badName.message
                == "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        )
        let policy = world.sts("AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "x1", "Policy": "{}"], as: alice)
        #expect(policy.status == 501)
    }
}

@Suite("Session credentials and SigV4")
struct SessionCredentialTests {
    @Test("the authenticator accepts a session with its token, refuses a wrong token, and refuses it once expired")
    func lifecycle() throws {
        let world = try IAMWorld()
        let alice = world.user("alice")
        let roleARN = world.role("deploy", trust: AssumeRoleTests.trust(alice.arn))
        let reply = world.sts(
            "AssumeRole", ["RoleArn": roleARN, "RoleSessionName": "s1", "DurationSeconds": "900"], as: alice)
        let key = try #require(reply.value("AccessKeyId"))
        let secret = try #require(reply.value("SecretAccessKey"))
        let token = try #require(reply.value("SessionToken"))
        let authenticator = SigV4Authenticator(credentials: world.credentials, enforce: true, clock: world.clock.aws)
        let body = "Action=GetCallerIdentity&Version=2011-06-15"

        let good = SignedRequest.make(body: body, key: key, secret: secret, token: token, date: world.clock.now)
        let auth = try authenticator.authenticate(good, query: QueryItems(), signingName: "sts")
        #expect(auth.identity.arn == "arn:aws:sts::000000000000:assumed-role/deploy/s1")
        #expect(auth.isVerified)

        let wrongToken = SignedRequest.make(
            body: body, key: key, secret: secret, token: "forged", date: world.clock.now)
        #expect(throws: SigV4Error.invalidToken) {
            try authenticator.authenticate(wrongToken, query: QueryItems(), signingName: "sts")
        }
        let noToken = SignedRequest.make(body: body, key: key, secret: secret, token: nil, date: world.clock.now)
        #expect(throws: SigV4Error.invalidToken) {
            try authenticator.authenticate(noToken, query: QueryItems(), signingName: "sts")
        }

        world.clock.advance(901)
        let late = SignedRequest.make(body: body, key: key, secret: secret, token: token, date: world.clock.now)
        #expect(throws: SigV4Error.expiredToken) {
            try authenticator.authenticate(late, query: QueryItems(), signingName: "sts")
        }
    }

    @Test("a user's AKIA key signs as the user; an account id with secret test signs as that account's root")
    func longTermKeys() throws {
        let world = try IAMWorld()
        let alice = world.user("alice")
        let secret = try #require(world.credentials.credential(forAccessKey: alice.accessKeyID)?.secretAccessKey)
        let authenticator = SigV4Authenticator(credentials: world.credentials, enforce: true, clock: world.clock.aws)
        let body = "Action=GetCallerIdentity&Version=2011-06-15"
        let signed = SignedRequest.make(
            body: body, key: alice.accessKeyID, secret: secret, token: nil, date: world.clock.now)
        #expect(
            try authenticator.authenticate(signed, query: QueryItems(), signingName: "sts").identity.arn == alice.arn)
        let other = SignedRequest.make(
            body: body, key: "123456789012", secret: "test", token: nil, date: world.clock.now)
        #expect(
            try authenticator.authenticate(other, query: QueryItems(), signingName: "sts").identity.arn
                == "arn:aws:iam::123456789012:root")
        let test = SignedRequest.make(body: body, key: "test", secret: "test", token: nil, date: world.clock.now)
        #expect(
            try authenticator.authenticate(test, query: QueryItems(), signingName: "sts").identity.arn
                == "arn:aws:iam::000000000000:root")
    }
}
