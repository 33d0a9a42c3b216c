/// The regions a bucket can live in, and CreateBucket's LocationConstraint rules (EB-SPEC §D).
enum Regions {
    /// Every region botocore 1.43 knows for S3, across the aws, aws-cn and aws-us-gov partitions.
    static let known: Set<String> = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
        "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
        "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
        "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2", "cn-north-1", "cn-northwest-1",
        "us-gov-east-1", "us-gov-west-1",
    ]

    static let usEast1 = "us-east-1"

    /// Where a CreateBucket request puts the bucket.
    ///
    /// us-east-1 takes no constraint (sending `us-east-1` is `InvalidLocationConstraint`); any other
    /// region must be named and must be the region the request was signed for, except on the global
    /// endpoint (signed for us-east-1, no regional host), which creates buckets anywhere. `EU` is
    /// the legacy name of eu-west-1.
    static func bucketRegion(constraint: String?, requestRegion: String, regionalHost: Bool) throws(S3Error) -> String {
        guard let constraint, !constraint.isEmpty else {
            guard requestRegion == usEast1 else { throw .illegalLocationConstraint(constraint: nil) }
            return usEast1
        }
        let region = constraint == "EU" ? "eu-west-1" : constraint
        guard region != usEast1, known.contains(region) else {
            throw .invalidLocationConstraint(constraint: constraint)
        }
        if region == requestRegion || (requestRegion == usEast1 && !regionalHost) { return region }
        throw .illegalLocationConstraint(constraint: constraint)
    }

    /// The virtual-hosted endpoint S3 names in a PermanentRedirect.
    static func virtualHostedEndpoint(bucket: String, region: String) -> String {
        region == usEast1 ? "\(bucket).s3.amazonaws.com" : "\(bucket).s3.\(region).amazonaws.com"
    }
}
