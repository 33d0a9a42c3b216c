import AWSCore
import HTTPServer
import Testing

@testable import S3

@Suite("Authorization through IAM")
struct AuthorizationTests {
    @Test("without s3:ListBucket a missing key is 403 AccessDenied, with it 404 NoSuchKey")
    func missingKey() throws {
        let s3 = try S3Harness(allowing: .allow(["s3:CreateBucket", "s3:GetObject"]))
        s3.createBucket("private")
        let denied = s3.send("GET", "/private/mistyped-key", as: .user("instance"))
        #expect(denied.status == 403)
        #expect(denied.code == "AccessDenied")
        #expect(
            denied.element("Message")
                == "User: arn:aws:iam::000000000000:user/instance is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::private\" because no identity-based policy allows the s3:ListBucket action"
        )

        let lister = try S3Harness(allowing: .allow(["s3:CreateBucket", "s3:GetObject", "s3:ListBucket"]))
        lister.createBucket("private")
        let missing = lister.send("GET", "/private/mistyped-key", as: .user("instance"))
        #expect(missing.status == 404)
        #expect(missing.code == "NoSuchKey")
        #expect(missing.element("Key") == "mistyped-key")
    }

    @Test("a denied GetObject is AccessDenied with IAM's message, the resource quoted, and no bytes")
    func deniedGet() throws {
        let s3 = try S3Harness(allowing: .allow(["s3:CreateBucket", "s3:PutObject"]))
        s3.createBucket("secrets")
        s3.putObject("secrets", "auth/dockercfg", Array("top secret".utf8))
        let response = s3.send("GET", "/secrets/auth/dockercfg", as: .user("reader"))
        #expect(response.status == 403)
        #expect(response.code == "AccessDenied")
        #expect(response.text.contains("s3:GetObject on resource: \"arn:aws:s3:::secrets/auth/dockercfg\""))
        #expect(!response.text.contains("top secret"))
    }

    @Test("object actions name the object ARN and pass the bucket policy and the owner's account")
    func resourcePolicy() throws {
        let s3 = try S3Harness()
        s3.createBucket("shared")
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}"#
        let put = s3.send(
            "PUT", "/shared?policy", headers: [("Content-MD5", md5Base64(policy))], body: .bytes(Array(policy.utf8)))
        #expect(put.status == 204)
        s3.putObject("shared", "k", Array("v".utf8))
        _ = s3.send("GET", "/shared/k", as: .user("other", account: "111111111111"))
        let asked = try #require(s3.authorizer.requests.last)
        #expect(asked.action == "s3:GetObject")
        #expect(asked.resource == "arn:aws:s3:::shared/k")
        #expect(asked.resourcePolicy == policy)
        #expect(asked.resourceAccountID == "000000000000")
        #expect(asked.caller.accountID == "111111111111")
    }

    @Test(
        "each operation asks for S3's action",
        arguments: [
            ("PUT", "/b/k", "s3:PutObject"), ("GET", "/b/k", "s3:GetObject"), ("HEAD", "/b/k", "s3:GetObject"),
            ("DELETE", "/b/k", "s3:DeleteObject"), ("GET", "/b?list-type=2", "s3:ListBucket"),
            ("GET", "/b", "s3:ListBucket"),
            ("HEAD", "/b", "s3:ListBucket"), ("GET", "/b?location", "s3:GetBucketLocation"),
            ("DELETE", "/b", "s3:DeleteBucket"),
            ("GET", "/b?policy", "s3:GetBucketPolicy"), ("DELETE", "/b?policy", "s3:DeleteBucketPolicy"),
            ("GET", "/b?tagging", "s3:GetBucketTagging"), ("DELETE", "/b?tagging", "s3:PutBucketTagging"),
            ("GET", "/b?versioning", "s3:GetBucketVersioning"), ("GET", "/b?uploads", "s3:ListBucketMultipartUploads"),
            ("POST", "/b/k?uploads", "s3:PutObject"), ("DELETE", "/b/k?uploadId=x", "s3:AbortMultipartUpload"),
            ("GET", "/b/k?uploadId=x", "s3:ListMultipartUploadParts"), ("GET", "/b/k?tagging", "s3:GetObjectTagging"),
            ("DELETE", "/b/k?tagging", "s3:DeleteObjectTagging"), ("GET", "/", "s3:ListAllMyBuckets"),
        ])
    func actions(method: String, target: String, action: String) throws {
        let s3 = try S3Harness(allowing: .allow(["s3:CreateBucket"]))
        s3.createBucket("bbb")
        let response = s3.send(
            method, target.replacingOccurrences(of: "/b", with: "/bbb"), headers: [("Content-Length", "0")])
        #expect(response.status == 403)
        #expect(s3.authorizer.requests.last?.action == action)
    }

    @Test("DeleteObjects answers each denied key in the result, and deletes the others")
    func deleteObjects() throws {
        let s3 = try S3Harness()
        s3.createBucket("mixed")
        s3.putObject("mixed", "a", [1])
        let body = "<Delete><Object><Key>a</Key></Object><Object><Key>b</Key></Object></Delete>"
        let denyB = try S3Harness(allowing: .allow(["s3:CreateBucket", "s3:PutObject"]))
        denyB.createBucket("mixed")
        let response = denyB.send(
            "POST", "/mixed?delete", headers: [("Content-MD5", md5Base64(body))], body: .bytes(Array(body.utf8)))
        #expect(response.status == 200)
        #expect(response.elements("Code") == ["AccessDenied", "AccessDenied"])
        #expect(response.elements("Message") == ["Access Denied", "Access Denied"])

        let allowed = s3.send(
            "POST", "/mixed?delete", headers: [("Content-MD5", md5Base64(body))], body: .bytes(Array(body.utf8)))
        #expect(allowed.elements("Key") == ["a", "b"])
        #expect(s3.send("HEAD", "/mixed/a").status == 404)
    }
}
