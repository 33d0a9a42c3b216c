import Testing

@testable import S3

@Suite("CreateBucket location constraints")
struct LocationConstraintTests {
    @Test("us-east-1 takes no constraint")
    func usEast1() throws {
        #expect(
            try Regions.bucketRegion(constraint: nil, requestRegion: "us-east-1", regionalHost: false) == "us-east-1")
        #expect(
            try Regions.bucketRegion(constraint: "", requestRegion: "us-east-1", regionalHost: false) == "us-east-1")
    }

    @Test("another region must name itself")
    func otherRegion() throws {
        #expect(
            try Regions.bucketRegion(constraint: "eu-west-1", requestRegion: "eu-west-1", regionalHost: false)
                == "eu-west-1")
        #expect(throws: S3Error.illegalLocationConstraint(constraint: nil)) {
            try Regions.bucketRegion(constraint: nil, requestRegion: "eu-west-1", regionalHost: false)
        }
        #expect(throws: S3Error.illegalLocationConstraint(constraint: "eu-west-1")) {
            try Regions.bucketRegion(constraint: "eu-west-1", requestRegion: "us-west-2", regionalHost: false)
        }
    }

    @Test("the global endpoint creates buckets in any region, a us-east-1 regional host does not")
    func globalEndpoint() throws {
        #expect(
            try Regions.bucketRegion(constraint: "ap-south-1", requestRegion: "us-east-1", regionalHost: false)
                == "ap-south-1")
        #expect(throws: S3Error.illegalLocationConstraint(constraint: "ap-south-1")) {
            try Regions.bucketRegion(constraint: "ap-south-1", requestRegion: "us-east-1", regionalHost: true)
        }
    }

    @Test("EU means eu-west-1")
    func eu() throws {
        #expect(
            try Regions.bucketRegion(constraint: "EU", requestRegion: "eu-west-1", regionalHost: false) == "eu-west-1")
    }

    @Test("us-east-1 or an unknown region as constraint is InvalidLocationConstraint")
    func invalid() {
        #expect(throws: S3Error.invalidLocationConstraint(constraint: "us-east-1")) {
            try Regions.bucketRegion(constraint: "us-east-1", requestRegion: "us-east-1", regionalHost: false)
        }
        #expect(throws: S3Error.invalidLocationConstraint(constraint: "moon-1")) {
            try Regions.bucketRegion(constraint: "moon-1", requestRegion: "us-east-1", regionalHost: false)
        }
    }

    @Test("the messages are S3's")
    func messages() {
        #expect(
            S3Error.illegalLocationConstraint(constraint: nil).awsError.message
                == "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."
        )
        #expect(
            S3Error.illegalLocationConstraint(constraint: "eu-west-1").awsError.message
                == "The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to."
        )
    }
}

@Suite("Wrong-region requests")
struct RegionRuleTests {
    let bucket = Bucket(
        name: "eu-bucket", accountID: "000000000000", region: "eu-west-1", locationConstraint: "eu-west-1",
        createdAt: S3Harness.epoch, policy: nil, versioning: nil)

    @Test("signed for the bucket's region passes; unsigned passes on a non-regional host")
    func passes() throws {
        try RegionRule.check(bucket: bucket, signedRegion: "eu-west-1", presigned: false, hostRegion: nil)
        try RegionRule.check(bucket: bucket, signedRegion: nil, presigned: false, hostRegion: nil)
        try RegionRule.check(bucket: bucket, signedRegion: "eu-west-1", presigned: false, hostRegion: "eu-west-1")
    }

    @Test("signed for another region is AuthorizationHeaderMalformed naming the bucket's region")
    func headerMalformed() {
        #expect(throws: S3Error.authorizationHeaderMalformed(signedRegion: "us-east-1", bucketRegion: "eu-west-1")) {
            try RegionRule.check(bucket: bucket, signedRegion: "us-east-1", presigned: false, hostRegion: nil)
        }
        let error = S3Error.authorizationHeaderMalformed(signedRegion: "us-east-1", bucketRegion: "eu-west-1").awsError
        #expect(error.status == 400)
        #expect(
            error.message
                == "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'")
        #expect(error.details == [.init("Region", "eu-west-1")])
        #expect(error.headers == [.init("x-amz-bucket-region", "eu-west-1")])
    }

    @Test("a presigned URL for another region is AuthorizationQueryParametersError")
    func presigned() {
        #expect(throws: S3Error.authorizationQueryParametersError(signedRegion: "us-east-1", bucketRegion: "eu-west-1"))
        {
            try RegionRule.check(bucket: bucket, signedRegion: "us-east-1", presigned: true, hostRegion: nil)
        }
    }

    @Test("another region's endpoint is a 301 PermanentRedirect to the bucket's endpoint")
    func redirect() {
        #expect(throws: S3Error.permanentRedirect(bucket: "eu-bucket", bucketRegion: "eu-west-1")) {
            try RegionRule.check(bucket: bucket, signedRegion: "us-west-2", presigned: false, hostRegion: "us-west-2")
        }
        let error = S3Error.permanentRedirect(bucket: "eu-bucket", bucketRegion: "eu-west-1").awsError
        #expect(error.status == 301)
        #expect(error.details.first == .init("Endpoint", "eu-bucket.s3.eu-west-1.amazonaws.com"))
        #expect(error.headers == [.init("x-amz-bucket-region", "eu-west-1")])
    }
}
