/// What S3 answers when a request reaches a bucket in another region (EB-SPEC §D): a 301
/// PermanentRedirect from a regional endpoint of another region, otherwise a 400 naming the
/// bucket's region (`AuthorizationHeaderMalformed`, or `AuthorizationQueryParametersError` for a
/// presigned URL). Never the object. Unsigned requests carry no region and are only redirected
/// when their host names another region.
enum RegionRule {
    static func check(bucket: Bucket, signedRegion: String?, presigned: Bool, hostRegion: String?) throws(S3Error) {
        if let hostRegion, hostRegion != bucket.region {
            throw .permanentRedirect(bucket: bucket.name, bucketRegion: bucket.region)
        }
        guard let signedRegion, signedRegion != bucket.region else { return }
        if presigned {
            throw .authorizationQueryParametersError(signedRegion: signedRegion, bucketRegion: bucket.region)
        }
        throw .authorizationHeaderMalformed(signedRegion: signedRegion, bucketRegion: bucket.region)
    }
}
