import AWSCore
import Foundation
import Testing

@testable import IAM

/// Every service's questions to IAM carry the request's facts: S3, SSM, Secrets Manager build
/// `AuthorizationRequest(context, …)`, and the global condition keys are answered from it.
@Suite("Request facts in other services' authorization requests")
struct RequestFactsTests {
    static let parameter = "arn:aws:ssm:us-east-1:000000000000:parameter/app/user"
    static let object = "arn:aws:s3:::amzn-s3-demo-bucket/mydockercfg"

    func context(
        _ caller: CallerIdentity, service: String, facts: RequestFacts?, clock: AWSClock = .system
    ) -> RequestContext {
        RequestContext(
            requestID: "facts-test", accountID: caller.accountID, region: "us-east-1", service: service,
            operation: "-", caller: caller, clock: clock, facts: facts)
    }

    func ask(_ world: IAMWorld, _ request: AuthorizationRequest) -> AccessDenial? {
        do {
            try world.authorizer.authorize(request)
            return nil
        } catch {
            return error
        }
    }

    static func allow(_ action: String, condition: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*","#
            + #""Condition":\#(condition)}]}"#
    }

    @Test("the context's facts reach the authorization request")
    func carried() {
        let facts = RequestFacts(sourceIP: "10.1.2.3", userAgent: "Boto3/1.35", referer: "https://example.com/")
        let clock = AWSClock.fixed(Date(timeIntervalSince1970: 1_780_000_000))
        let request = AuthorizationRequest(
            context(IAMWorld.root, service: "s3", facts: facts, clock: clock), action: "s3:GetObject",
            resource: Self.object)
        #expect(request.facts == facts)
        #expect(request.clock?.now() == clock.now())
        #expect(request.requestID == "facts-test" && request.region == "us-east-1")
    }

    @Test("aws:SourceIp decides an SSM call")
    func sourceIP() throws {
        let world = try IAMWorld()
        let fromVPN = Self.allow("ssm:GetParameter", condition: #"{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#)
        let user = world.user("ci", inline: ["from-vpn": fromVPN])
        let inside = context(user, service: "ssm", facts: RequestFacts(sourceIP: "10.1.2.3"))
        #expect(ask(world, AuthorizationRequest(inside, action: "ssm:GetParameter", resource: Self.parameter)) == nil)
        let outside = context(user, service: "ssm", facts: RequestFacts(sourceIP: "127.0.0.1"))
        let denial = ask(world, AuthorizationRequest(outside, action: "ssm:GetParameter", resource: Self.parameter))
        #expect(denial?.reason == .noIdentityPolicyAllows)
        // A request that did not come over HTTP has no address: the Allow fails closed.
        let unknown = context(user, service: "ssm", facts: nil)
        #expect(ask(world, AuthorizationRequest(unknown, action: "ssm:GetParameter", resource: Self.parameter)) != nil)
        let notes = world.authorizer.decisions.decisions(requestID: "facts-test").last?.unsupported ?? []
        #expect(notes.contains { $0.contains("aws:SourceIp") })
    }

    @Test("aws:SecureTransport, aws:UserAgent and aws:Referer decide an S3 call with a bucket policy")
    func transport() throws {
        let world = try IAMWorld()
        let user = world.user("reader", managed: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
        func get(_ facts: RequestFacts, policy: String) -> AccessDenial? {
            ask(
                world,
                AuthorizationRequest(
                    context(user, service: "s3", facts: facts), action: "s3:GetObject", resource: Self.object,
                    resourcePolicy: policy))
        }
        func deny(_ condition: String) -> String {
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","#
                + #""Condition":\#(condition)}]}"#
        }
        let plain = RequestFacts(sourceIP: "127.0.0.1", userAgent: "Boto3/1.35 botocore/1.35")
        let tlsOnly = deny(#"{"Bool":{"aws:SecureTransport":"false"}}"#)
        #expect(get(plain, policy: tlsOnly)?.reason == .explicitDenyInResourcePolicy)
        #expect(get(plain, policy: deny(#"{"Bool":{"aws:SecureTransport":"true"}}"#)) == nil)
        let noCurl = deny(#"{"StringLike":{"aws:UserAgent":"curl/*"}}"#)
        #expect(get(plain, policy: noCurl) == nil)
        #expect(get(RequestFacts(userAgent: "curl/8.5.0"), policy: noCurl)?.reason == .explicitDenyInResourcePolicy)
        let onlyFromSite = deny(#"{"StringNotLike":{"aws:Referer":"https://example.com/*"}}"#)
        #expect(get(RequestFacts(referer: "https://example.com/app"), policy: onlyFromSite) == nil)
        #expect(get(plain, policy: onlyFromSite)?.reason == .explicitDenyInResourcePolicy)
    }

    @Test("aws:CurrentTime and aws:EpochTime come from the request's clock")
    func time() throws {
        let world = try IAMWorld()
        let until2030 =
            #"{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"#
            + #""NumericLessThan":{"aws:EpochTime":"1893456000"}}"#
        let user = world.user("temp", inline: ["until-2030": Self.allow("ssm:GetParameter", condition: until2030)])
        func get(at seconds: TimeInterval) -> AccessDenial? {
            let clock = AWSClock.fixed(Date(timeIntervalSince1970: seconds))
            return ask(
                world,
                AuthorizationRequest(
                    context(user, service: "ssm", facts: RequestFacts(), clock: clock), action: "ssm:GetParameter",
                    resource: Self.parameter))
        }
        #expect(get(at: 1_780_000_000) == nil)
        #expect(get(at: 1_900_000_000)?.reason == .noIdentityPolicyAllows)
    }
}
