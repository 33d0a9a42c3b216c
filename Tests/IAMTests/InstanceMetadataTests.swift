import AWSCore
import Foundation
import Testing

@testable import IAM

@Suite("Instance metadata")
struct InstanceMetadataTests {
    static let ttl = [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]

    func world(profile: Bool = true, tokens: String = "optional", trust: String = IAMWorld.ec2Trust) throws -> IAMWorld
    {
        let world = try IAMWorld()
        world.role("web", trust: trust)
        _ = world.iam("CreateInstanceProfile", ["InstanceProfileName": "web-profile"])
        _ = world.iam("AddRoleToInstanceProfile", ["InstanceProfileName": "web-profile", "RoleName": "web"])
        let body =
            profile
            ? #"{"instanceId":"i-0abc","region":"eu-west-1","instanceProfileName":"web-profile","httpTokens":"\#(tokens)"}"#
            : #"{"instanceId":"i-0abc","region":"eu-west-1","httpTokens":"\#(tokens)"}"#
        #expect(world.path("POST", "/_ebauth/instance", body: body).status == 200)
        return world
    }

    @Test("without a registered instance, metadata answers 404")
    func noInstance() throws {
        let world = try IAMWorld()
        #expect(world.path("GET", "/latest/meta-data/iam/security-credentials/").status == 404)
        #expect(world.path("GET", "/latest/meta-data/instance-id").body.contains("<title>404 - Not Found</title>"))
    }

    @Test("IMDSv2: a token from PUT with a TTL opens the instance's metadata")
    func v2() throws {
        let world = try world()
        let token = world.path("PUT", "/latest/api/token", headers: Self.ttl)
        #expect(token.status == 200)
        #expect(token.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        let header = [("X-aws-ec2-metadata-token", token.body)]
        #expect(world.path("GET", "/latest/meta-data/instance-id", headers: header).body == "i-0abc")
        #expect(world.path("GET", "/latest/meta-data/placement/region", headers: header).body == "eu-west-1")
        #expect(
            world.path("GET", "/latest/meta-data/placement/availability-zone", headers: header).body == "eu-west-1a")
        #expect(world.path("GET", "/latest/meta-data/iam/security-credentials/", headers: header).body == "web")
        let info = world.path("GET", "/latest/meta-data/iam/info", headers: header)
        #expect(info.body.contains(#""InstanceProfileArn" : "arn:aws:iam::000000000000:instance-profile/web-profile""#))
        let forged = world.path(
            "GET", "/latest/meta-data/instance-id", headers: [("X-aws-ec2-metadata-token", "forged")])
        #expect(forged.status == 401)
    }

    @Test("a token PUT without a valid TTL is 400; a token expires with its TTL")
    func tokenRules() throws {
        let world = try world()
        #expect(world.path("PUT", "/latest/api/token").status == 400)
        #expect(
            world.path("PUT", "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21601")]).status
                == 400)
        let token = world.path("PUT", "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "2")])
            .body
        world.clock.advance(3)
        #expect(
            world.path("GET", "/latest/meta-data/instance-id", headers: [("X-aws-ec2-metadata-token", token)]).status
                == 401)
    }

    @Test("IMDSv1 works unless the instance requires tokens")
    func v1() throws {
        #expect(try world().path("GET", "/latest/meta-data/instance-id").body == "i-0abc")
        #expect(try world(tokens: "required").path("GET", "/latest/meta-data/instance-id").status == 401)
    }

    @Test("role credentials: ASIA key, secret, token, expiry, Code Success, Type AWS-HMAC; reused until renewal")
    func credentials() throws {
        let world = try world()
        let first = world.path("GET", "/latest/meta-data/iam/security-credentials/web")
        #expect(first.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: String])
        #expect(object["Code"] == "Success")
        #expect(object["Type"] == "AWS-HMAC")
        #expect(object["AccessKeyId"]?.hasPrefix("ASIA") == true)
        #expect(object["SecretAccessKey"]?.count == 40)
        #expect(object["Token"]?.isEmpty == false)
        #expect(object["Expiration"] == IAMDate.iso8601(world.clock.now.addingTimeInterval(6 * 3600)))
        #expect(first.body.hasPrefix("{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : "))
        let identity = try #require(world.credentials.credential(forAccessKey: object["AccessKeyId"]!))
        #expect(identity.identity.arn == "arn:aws:sts::000000000000:assumed-role/web/i-0abc")
        #expect(identity.sessionToken == object["Token"])

        world.clock.advance(3600)
        let again =
            try JSONSerialization.jsonObject(
                with: Data(world.path("GET", "/latest/meta-data/iam/security-credentials/web").body.utf8))
            as? [String: String]
        #expect(again?["AccessKeyId"] == object["AccessKeyId"])
        world.clock.advance(4 * 3600 + 1)
        let renewed =
            try JSONSerialization.jsonObject(
                with: Data(world.path("GET", "/latest/meta-data/iam/security-credentials/web").body.utf8))
            as? [String: String]
        #expect(renewed?["AccessKeyId"] != object["AccessKeyId"])
        #expect(world.path("GET", "/latest/meta-data/iam/security-credentials/other").status == 404)
    }

    @Test("an instance without a profile has no iam/ and no credentials")
    func noProfile() throws {
        let world = try world(profile: false)
        #expect(world.path("GET", "/latest/meta-data/").body == "instance-id\nplacement/")
        #expect(world.path("GET", "/latest/meta-data/iam/security-credentials/").status == 404)
    }

    @Test("a role EC2 may not assume answers AssumeRoleUnauthorizedAccess")
    func untrusted() throws {
        let lambdaOnly =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let world = try world(trust: lambdaOnly)
        let reply = world.path("GET", "/latest/meta-data/iam/security-credentials/web")
        #expect(reply.body.contains(#""Code" : "AssumeRoleUnauthorizedAccess""#))
        #expect(reply.body.contains("EC2 cannot assume the role web."))
    }

    @Test("several instances: each has its own metadata endpoint; /latest/ is the last registered")
    func several() throws {
        let world = try world()
        let second = world.path(
            "POST", "/_ebauth/instance",
            body:
                #"{"instanceId":"i-0def","instanceProfileArn":"arn:aws:iam::000000000000:instance-profile/web-profile"}"#
        )
        #expect(second.body.contains(#""metadataEndpoint":"http://127.0.0.1:4566/_ebauth/instances/i-0def/""#))
        #expect(world.path("GET", "/latest/meta-data/instance-id").body == "i-0def")
        #expect(world.path("GET", "/_ebauth/instances/i-0abc/latest/meta-data/instance-id").body == "i-0abc")
        let token = world.path("PUT", "/_ebauth/instances/i-0abc/latest/api/token", headers: Self.ttl).body
        // A token belongs to the instance that issued it.
        #expect(
            world.path("GET", "/latest/meta-data/instance-id", headers: [("X-aws-ec2-metadata-token", token)]).status
                == 401)
        #expect(world.path("DELETE", "/_ebauth/instances/i-0def").status == 200)
        #expect(world.path("GET", "/latest/meta-data/instance-id").body == "i-0abc")
        #expect(world.path("POST", "/_ebauth/instance", body: #"{"instanceProfileName":"nope"}"#).status == 400)
    }
}
