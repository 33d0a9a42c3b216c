import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func listObjectsV2(_ request: AWSRequest) throws -> HTTPResponse {
        let (bucket, input) = try listInput(request)
        var marker = request.query("start-after")
        let token = request.query("continuation-token")
        if let token {
            guard !token.isEmpty, let decoded = ContinuationToken.decode(token) else {
                throw S3Error.invalidArgument(
                    message: "The continuation token provided is incorrect", name: "continuation-token", value: token)
            }
            marker = decoded
        }
        let page = try listPage(bucket, input, marker: marker)
        let fetchOwner = request.query("fetch-owner") == "true"
        let encode = { ListEncoding.encode($0, input.urlEncoded) }
        var children: [XMLTree] = [.leaf("Name", bucket.name), .leaf("Prefix", encode(input.prefix))]
        if page.isTruncated, let last = page.lastReturned {
            children.append(.leaf("NextContinuationToken", ContinuationToken.encode(last)))
        }
        children += [
            .leaf("KeyCount", String(page.contents.count + page.commonPrefixes.count)),
            .leaf("MaxKeys", String(input.maxKeys)),
        ]
        children += S3Response.leaf("Delimiter", input.delimiter.map(encode))
        children.append(.leaf("IsTruncated", page.isTruncated ? "true" : "false"))
        children += page.contents.map { Self.contentsElement($0, key: encode($0.key), owner: fetchOwner) }
        children += page.commonPrefixes.map { .node("CommonPrefixes", [.leaf("Prefix", encode($0))]) }
        children += S3Response.leaf("EncodingType", input.urlEncoded ? "url" : nil)
        children += S3Response.leaf("ContinuationToken", token)
        children += S3Response.leaf("StartAfter", request.query("start-after").map(encode))
        return S3Response.xml("ListBucketResult", children)
    }

    func listObjects(_ request: AWSRequest) throws -> HTTPResponse {
        let (bucket, input) = try listInput(request)
        let marker = request.query("marker")
        let page = try listPage(bucket, input, marker: marker)
        let encode = { ListEncoding.encode($0, input.urlEncoded) }
        var children: [XMLTree] = [
            .leaf("Name", bucket.name), .leaf("Prefix", encode(input.prefix)), .leaf("Marker", encode(marker ?? "")),
        ]
        // S3 gives NextMarker only with a delimiter; without one, clients use the last key.
        if page.isTruncated, input.delimiter != nil, let last = page.lastReturned {
            children.append(.leaf("NextMarker", encode(last)))
        }
        children.append(.leaf("MaxKeys", String(input.maxKeys)))
        children += S3Response.leaf("Delimiter", input.delimiter.map(encode))
        children.append(.leaf("IsTruncated", page.isTruncated ? "true" : "false"))
        children += page.contents.map { Self.contentsElement($0, key: encode($0.key), owner: true) }
        children += page.commonPrefixes.map { .node("CommonPrefixes", [.leaf("Prefix", encode($0))]) }
        children += S3Response.leaf("EncodingType", input.urlEncoded ? "url" : nil)
        return S3Response.xml("ListBucketResult", children)
    }

    struct ListInput {
        var prefix: String
        var delimiter: String?
        var maxKeys: Int
        var urlEncoded: Bool
    }

    /// The parameters both versions share, checked, and the `s3:ListBucket` decision with its
    /// condition keys.
    private func listInput(_ request: AWSRequest) throws -> (Bucket, ListInput) {
        let bucket = try addressedBucket(request)
        let prefix = request.query("prefix") ?? ""
        let delimiter = request.query("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        var maxKeys = Listing.defaultMaxKeys
        if let text = request.query("max-keys") {
            guard let value = Int(text), value >= 0 else {
                throw S3Error.invalidArgument(
                    message: "Provided max-keys not an integer or within integer range", name: "max-keys", value: text)
            }
            maxKeys = min(value, Listing.defaultMaxKeys)
        }
        var conditions = ["s3:prefix": [prefix], "s3:max-keys": [String(maxKeys)]]
        if let delimiter { conditions["s3:delimiter"] = [delimiter] }
        try authorize(request, "s3:ListBucket", bucket: bucket, conditionValues: conditions)
        let urlEncoded = try ListEncoding.validate(request.query("encoding-type"))
        return (bucket, ListInput(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, urlEncoded: urlEncoded))
    }

    private func listPage(_ bucket: Bucket, _ input: ListInput, marker: String?) throws -> ListingPage<StoredObject> {
        try Listing.page(
            prefix: input.prefix, delimiter: input.delimiter, marker: marker, maxKeys: input.maxKeys, key: \.key
        ) { after, limit in
            try store.objects(bucket: bucket.name, prefix: input.prefix, after: after, limit: limit)
        }
    }

    static func contentsElement(_ object: StoredObject, key: String, owner: Bool) -> XMLTree {
        var children: [XMLTree] = [
            .leaf("Key", key), .leaf("LastModified", S3Time.iso8601(object.lastModified)),
            .leaf("ETag", ETag.quoted(object.etag)),
        ]
        if let checksum = object.checksum {
            children += [.leaf("ChecksumAlgorithm", checksum.algorithm.name), .leaf("ChecksumType", checksum.type.rawValue)]
        }
        children += [.leaf("Size", String(object.size)), .leaf("StorageClass", object.storageClass)]
        if owner { children.append(S3Response.owner(object.ownerAccountID)) }
        return .node("Contents", children)
    }
}
