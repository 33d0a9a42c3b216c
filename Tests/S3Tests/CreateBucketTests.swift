import HTTPServer
import Testing

@testable import S3

@Suite("CreateBucket across accounts and regions")
struct CreateBucketTests {
    @Test("the region comes from the request's signing scope and the body's constraint")
    func region() throws {
        let s3 = try S3Harness()
        var eu = S3Harness.Caller.root
        eu.signedRegion = "eu-west-1"
        let body =
            "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
        #expect(s3.send("PUT", "/eu-bucket", body: .bytes(Array(body.utf8)), as: eu).status == 200)
        #expect(s3.send("HEAD", "/eu-bucket", as: eu).header("x-amz-bucket-region") == "eu-west-1")
        let wrong = s3.send("GET", "/eu-bucket?list-type=2")
        #expect(wrong.status == 400)
        #expect(wrong.code == "AuthorizationHeaderMalformed")
        #expect(wrong.element("Region") == "eu-west-1")
        #expect(s3.send("GET", "/eu-bucket?location").text.contains(">eu-west-1</LocationConstraint>"))
    }

    @Test("another account's bucket name is BucketAlreadyExists; your own in us-east-1 is fine")
    func ownership() throws {
        let s3 = try S3Harness()
        s3.createBucket("global-name")
        #expect(s3.send("PUT", "/global-name").status == 200)
        let other = s3.send("PUT", "/global-name", as: .user("u", account: "111111111111"))
        #expect(other.status == 409)
        #expect(other.code == "BucketAlreadyExists")
    }

    @Test("ListBuckets shows only the caller's account")
    func listing() throws {
        let s3 = try S3Harness()
        s3.createBucket("mine")
        s3.createBucket("theirs", as: .user("u", account: "111111111111"))
        #expect(s3.send("GET", "/").elements("Name") == ["mine"])
        #expect(s3.send("GET", "/", as: .user("u", account: "111111111111")).elements("Name") == ["theirs"])
    }
}
