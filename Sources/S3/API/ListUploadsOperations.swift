import AWSCore

// ListParts and ListMultipartUploads.

struct ListPartsRequest: RESTXMLInput {
    var upload: UploadAddress
    var MaxParts: String?
    var PartNumberMarker: String?

    init(_ request: RESTRequest) {
        upload = UploadAddress(request)
        MaxParts = request.querystring("max-parts")
        PartNumberMarker = request.querystring("part-number-marker")
    }
}

struct ListPartsOutput: RESTXMLOutput {
    var upload: MultipartUpload
    var PartNumberMarker: Int
    var MaxParts: Int
    var IsTruncated: Bool
    var Parts: [UploadedPart]

    func write(to response: inout RESTResponse) {
        let initiator = MultipartRules.initiatorID(arn: upload.initiatorARN, accountID: upload.ownerAccountID)
        var children: [XMLTree] = [
            .leaf("Bucket", upload.bucket), .leaf("Key", upload.key), .leaf("UploadId", upload.uploadID),
            .leaf("PartNumberMarker", String(PartNumberMarker)),
            .leaf("NextPartNumberMarker", String(Parts.last?.partNumber ?? 0)), .leaf("MaxParts", String(MaxParts)),
            .leaf("IsTruncated", IsTruncated ? "true" : "false"),
        ]
        children += Parts.map { part in
            var elements: [XMLTree] = [
                .leaf("PartNumber", String(part.partNumber)), .leaf("LastModified", S3Time.iso8601(part.lastModified)),
                .leaf("ETag", S3Response.quoted(part.etag)), .leaf("Size", String(part.size)),
            ]
            if let algorithm = upload.checksumAlgorithm, let value = part.checksumValue {
                elements.append(.leaf(S3Response.checksumMember(algorithm), value))
            }
            return .node("Part", elements)
        }
        children += [
            .node("Initiator", [.leaf("ID", initiator)]), S3Response.owner(upload.ownerAccountID),
            .leaf("StorageClass", upload.storageClass),
        ]
        children += Self.checksumKind(upload)
        response.s3XML("ListPartsResult", children)
    }

    /// `ChecksumAlgorithm` and `ChecksumType` of an upload that has them.
    static func checksumKind(_ upload: MultipartUpload) -> [XMLTree] {
        guard let algorithm = upload.checksumAlgorithm, let type = upload.checksumType else { return [] }
        return [.leaf("ChecksumAlgorithm", algorithm.name), .leaf("ChecksumType", type.rawValue)]
    }
}

struct ListMultipartUploadsRequest: RESTXMLInput {
    var bucket: BucketAddress
    var Delimiter: String?
    var EncodingType: String?
    var KeyMarker: String?
    var MaxUploads: String?
    var Prefix: String?
    var UploadIdMarker: String?

    init(_ request: RESTRequest) {
        bucket = BucketAddress(request)
        Delimiter = request.querystring("delimiter")
        EncodingType = request.querystring("encoding-type")
        KeyMarker = request.querystring("key-marker")
        MaxUploads = request.querystring("max-uploads")
        Prefix = request.querystring("prefix")
        UploadIdMarker = request.querystring("upload-id-marker")
    }
}

struct ListMultipartUploadsOutput: RESTXMLOutput {
    var Bucket: String
    var KeyMarker: String?
    var UploadIdMarker: String?
    /// Where the next page starts, when this one is truncated: a key (or common prefix) and the
    /// upload id (none after a common prefix).
    var next: (key: String, uploadID: String?)?
    var Prefix: String
    var Delimiter: String?
    var MaxUploads: Int
    var IsTruncated: Bool
    var Uploads: [MultipartUpload]
    var CommonPrefixes: [String]
    var urlEncoded: Bool

    func write(to response: inout RESTResponse) {
        let encode = { ListEncoding.encode($0, urlEncoded) }
        var children: [XMLTree] = [
            .leaf("Bucket", Bucket), .leaf("KeyMarker", encode(KeyMarker ?? "")),
            .leaf("UploadIdMarker", UploadIdMarker ?? ""),
        ]
        if let next {
            children.append(.leaf("NextKeyMarker", encode(next.key)))
            children.append(.leaf("NextUploadIdMarker", next.uploadID ?? ""))
        }
        children += S3Response.leaf("Prefix", Prefix.isEmpty ? nil : encode(Prefix))
        children += S3Response.leaf("Delimiter", Delimiter.map(encode))
        children += [.leaf("MaxUploads", String(MaxUploads)), .leaf("IsTruncated", IsTruncated ? "true" : "false")]
        children += Uploads.map { upload in
            let initiator = MultipartRules.initiatorID(arn: upload.initiatorARN, accountID: upload.ownerAccountID)
            let elements: [XMLTree] = [
                .leaf("Key", encode(upload.key)), .leaf("UploadId", upload.uploadID),
                .node("Initiator", [.leaf("ID", initiator)]), S3Response.owner(upload.ownerAccountID),
                .leaf("StorageClass", upload.storageClass), .leaf("Initiated", S3Time.iso8601(upload.initiated)),
            ]
            return .node("Upload", elements + ListPartsOutput.checksumKind(upload))
        }
        children += CommonPrefixes.map { .node("CommonPrefixes", [.leaf("Prefix", encode($0))]) }
        children += S3Response.leaf("EncodingType", urlEncoded ? "url" : nil)
        response.s3XML("ListMultipartUploadsResult", children)
    }
}
