import AWSCore
import Foundation

extension S3Backend {
    func listObjectsV2(_ input: ListObjectsV2Request, context: RequestContext) throws -> ListObjectsV2Output {
        let (bucket, list) = try listInput(input.list, context)
        var marker = input.StartAfter
        if let token = input.ContinuationToken {
            guard !token.isEmpty, let decoded = ContinuationToken.decode(token) else {
                throw S3Error.invalidArgument(
                    message: "The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            marker = decoded
        }
        let listing = try self.listing(bucket, list, marker: marker)
        var next: String?
        if listing.page.isTruncated, let last = listing.page.lastReturned { next = ContinuationToken.encode(last) }
        return ListObjectsV2Output(
            listing: listing, FetchOwner: input.FetchOwner == "true", ContinuationToken: input.ContinuationToken,
            NextContinuationToken: next, StartAfter: input.StartAfter)
    }

    func listObjects(_ input: ListObjectsRequest, context: RequestContext) throws -> ListObjectsOutput {
        let (bucket, list) = try listInput(input.list, context)
        return ListObjectsOutput(listing: try listing(bucket, list, marker: input.Marker), Marker: input.Marker)
    }

    struct ListInput {
        var prefix: String
        var delimiter: String?
        var maxKeys: Int
        var urlEncoded: Bool
    }

    /// The parameters both versions share, checked, and the `s3:ListBucket` decision with its
    /// condition keys.
    private func listInput(_ members: ListObjectsMembers, _ context: RequestContext) throws -> (Bucket, ListInput) {
        let bucket = try addressedBucket(members.bucket)
        let prefix = members.Prefix ?? ""
        let delimiter = members.Delimiter.flatMap { $0.isEmpty ? nil : $0 }
        var maxKeys = Listing.defaultMaxKeys
        if let text = members.MaxKeys {
            guard let value = Int(text), value >= 0 else {
                throw S3Error.invalidArgument(
                    message: "Provided max-keys not an integer or within integer range", name: "max-keys", value: text)
            }
            maxKeys = min(value, Listing.defaultMaxKeys)
        }
        var conditions = ["s3:prefix": [prefix], "s3:max-keys": [String(maxKeys)]]
        if let delimiter { conditions["s3:delimiter"] = [delimiter] }
        try authorize(context, "s3:ListBucket", bucket: bucket, conditionValues: conditions)
        let urlEncoded = try ListEncoding.validate(members.EncodingType)
        return (bucket, ListInput(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, urlEncoded: urlEncoded))
    }

    private func listing(_ bucket: Bucket, _ input: ListInput, marker: String?) throws -> ObjectListing {
        let page = try Listing.page(
            prefix: input.prefix, delimiter: input.delimiter, marker: marker, maxKeys: input.maxKeys, key: \.key
        ) { after, limit in
            try store.read { try $0.objects(bucket: bucket.name, prefix: input.prefix, after: after, limit: limit) }
        }
        return ObjectListing(
            Name: bucket.name, Prefix: input.prefix, Delimiter: input.delimiter, MaxKeys: input.maxKeys,
            urlEncoded: input.urlEncoded, page: page)
    }
}
