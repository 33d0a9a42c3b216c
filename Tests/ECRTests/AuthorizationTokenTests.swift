import AWSCore
import Foundation
import TestSupport
import Testing

@testable import ECR

@Suite("GetAuthorizationToken")
struct AuthorizationTokenTests {
    @Test("a token is base64 of AWS:<password>, valid 12 hours, with ECR's proxy endpoint")
    func shape() throws {
        let world = try ECRWorld()
        let data = try world.backend.getAuthorizationToken(
            GetAuthorizationTokenRequest(), context: world.context("GetAuthorizationToken", region: "eu-west-1")
        )
        .authorizationData
        #expect(data.count == 1)
        #expect(data[0].expiresAt == world.clock.now.addingTimeInterval(12 * 3600))
        #expect(data[0].proxyEndpoint == "https://000000000000.dkr.ecr.eu-west-1.amazonaws.com:\(world.port)")
        let decoded = String(decoding: Data(base64Encoded: data[0].authorizationToken)!, as: UTF8.self)
        #expect(decoded.hasPrefix("AWS:"))
        // The password is a base64 JSON blob with an `expiration`, as real ECR's is.
        let blob =
            try JSONSerialization.jsonObject(with: Data(base64Encoded: String(decoded.dropFirst(4)))!) as! [String: Any]
        #expect((blob["expiration"] as? Int) == Int(data[0].expiresAt.timeIntervalSince1970))
        #expect(blob["type"] as? String == "DATA_KEY")
    }

    @Test("one token per registry asked for, each naming its registry")
    func registryIDs() throws {
        let world = try ECRWorld()
        let data = try world.backend.getAuthorizationToken(
            GetAuthorizationTokenRequest(registryIds: ["111111111111", "222222222222"]),
            context: world.context("GetAuthorizationToken")
        ).authorizationData
        #expect(
            data.map(\.proxyEndpoint) == [
                "https://111111111111.dkr.ecr.us-east-1.amazonaws.com:\(world.port)",
                "https://222222222222.dkr.ecr.us-east-1.amazonaws.com:\(world.port)",
            ])
        #expect(Set(data.map(\.authorizationToken)).count == 2)
        let bad = awsError {
            _ = try world.backend.getAuthorizationToken(
                GetAuthorizationTokenRequest(registryIds: ["12345"]), context: world.context("GetAuthorizationToken"))
        }
        #expect(bad?.code == "InvalidParameterException")
    }

    @Test("IAM is asked for ecr:GetAuthorizationToken on *, and a refusal is AccessDeniedException 400")
    func denied() throws {
        let world = try ECRWorld()
        world.authorizer.deny("ecr:GetAuthorizationToken")
        let caller = CallerIdentity(
            accountID: "000000000000", arn: "arn:aws:sts::000000000000:assumed-role/web/i-0abc", userID: "AROA:i-0abc",
            accessKeyID: "ASIAEXAMPLE", kind: .assumedRole)
        let error = awsError { _ = try world.password(caller: caller) }
        #expect(error?.code == "AccessDeniedException")
        #expect(error?.status == 400)
        #expect(
            error?.message
                == "User: arn:aws:sts::000000000000:assumed-role/web/i-0abc is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action"
        )
    }

    @Test("only a hash of the password is stored")
    func storedAsHash() throws {
        let world = try ECRWorld()
        let password = try world.password()
        let rows = try world.server.database.read { try $0.query("SELECT token_hash FROM ecr_authorization_token") }
        #expect(rows.count == 1)
        #expect(try rows[0].string(0) == AuthorizationPassword.hash(password))
        #expect(try rows[0].string(0) != password)
    }
}
