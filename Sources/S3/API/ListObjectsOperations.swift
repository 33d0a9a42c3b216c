import AWSCore

// ListObjects and ListObjectsV2. With `EncodingType=url` the answer percent-encodes keys,
// prefixes, delimiters and markers; the encoding is applied here, on the way out.

/// The members both versions share.
struct ListObjectsMembers: Sendable {
    var bucket: BucketAddress
    var Delimiter: String?
    var EncodingType: String?
    var MaxKeys: String?
    var Prefix: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Delimiter = request.querystring("delimiter")
        EncodingType = request.querystring("encoding-type")
        MaxKeys = request.querystring("max-keys")
        Prefix = request.querystring("prefix")
    }
}

struct ListObjectsRequest: RESTXMLInput {
    var list: ListObjectsMembers
    var Marker: String?

    init(_ request: RESTRequest) {
        list = ListObjectsMembers(request)
        Marker = request.querystring("marker")
    }
}

struct ListObjectsV2Request: RESTXMLInput {
    var list: ListObjectsMembers
    var ContinuationToken: String?
    var FetchOwner: String?
    var StartAfter: String?

    init(_ request: RESTRequest) {
        list = ListObjectsMembers(request)
        ContinuationToken = request.querystring("continuation-token")
        FetchOwner = request.querystring("fetch-owner")
        StartAfter = request.querystring("start-after")
    }
}

/// What both answers hold, checked and resolved.
struct ObjectListing {
    var Name: String
    var Prefix: String
    var Delimiter: String?
    var MaxKeys: Int
    var urlEncoded: Bool
    var page: ListingPage<StoredObject>

    func encode(_ text: String) -> String { ListEncoding.encode(text, urlEncoded) }

    func contents(owner: Bool) -> [XMLTree] {
        page.contents.map { object in
            var children: [XMLTree] = [
                .leaf("Key", encode(object.key)), .leaf("LastModified", S3Time.iso8601(object.lastModified)),
                .leaf("ETag", S3Response.quoted(object.etag)),
            ]
            if let checksum = object.checksum {
                children += [
                    .leaf("ChecksumAlgorithm", checksum.algorithm.name), .leaf("ChecksumType", checksum.type.rawValue),
                ]
            }
            children += [.leaf("Size", String(object.size)), .leaf("StorageClass", object.storageClass)]
            if owner { children.append(S3Response.owner(object.ownerAccountID)) }
            return .node("Contents", children)
        }
    }

    var tail: [XMLTree] {
        page.commonPrefixes.map { .node("CommonPrefixes", [.leaf("Prefix", encode($0))]) }
            + S3Response.leaf("EncodingType", urlEncoded ? "url" : nil)
    }
}

struct ListObjectsOutput: RESTXMLOutput {
    var listing: ObjectListing
    var Marker: String?

    func write(to response: inout RESTResponse) {
        let list = listing
        var children: [XMLTree] = [
            .leaf("Name", list.Name), .leaf("Prefix", list.encode(list.Prefix)),
            .leaf("Marker", list.encode(Marker ?? "")),
        ]
        // S3 gives NextMarker only with a delimiter; without one, clients use the last key.
        if list.page.isTruncated, list.Delimiter != nil, let last = list.page.lastReturned {
            children.append(.leaf("NextMarker", list.encode(last)))
        }
        children.append(.leaf("MaxKeys", String(list.MaxKeys)))
        children += S3Response.leaf("Delimiter", list.Delimiter.map(list.encode))
        children.append(.leaf("IsTruncated", list.page.isTruncated ? "true" : "false"))
        children += list.contents(owner: true) + list.tail
        response.s3XML("ListBucketResult", children)
    }
}

struct ListObjectsV2Output: RESTXMLOutput {
    var listing: ObjectListing
    var FetchOwner: Bool
    var ContinuationToken: String?
    var NextContinuationToken: String?
    var StartAfter: String?

    func write(to response: inout RESTResponse) {
        let list = listing
        var children: [XMLTree] = [.leaf("Name", list.Name), .leaf("Prefix", list.encode(list.Prefix))]
        children += S3Response.leaf("NextContinuationToken", NextContinuationToken)
        children += [
            .leaf("KeyCount", String(list.page.contents.count + list.page.commonPrefixes.count)),
            .leaf("MaxKeys", String(list.MaxKeys)),
        ]
        children += S3Response.leaf("Delimiter", list.Delimiter.map(list.encode))
        children.append(.leaf("IsTruncated", list.page.isTruncated ? "true" : "false"))
        children += list.contents(owner: FetchOwner) + list.tail
        children += S3Response.leaf("ContinuationToken", ContinuationToken)
        children += S3Response.leaf("StartAfter", StartAfter.map(list.encode))
        response.s3XML("ListBucketResult", children)
    }
}
