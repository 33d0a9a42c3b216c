import AWSCore
import Foundation
import HTTPServer

/// ListParts and ListMultipartUploads.
extension S3Backend {
    func listParts(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:ListMultipartUploadParts", bucket: bucket, key: key)
        let uploadID = request.query("uploadId") ?? ""
        guard let upload = try store.upload(uploadID, bucket: bucket.name, key: key) else {
            throw S3Error.noSuchUpload(uploadID: uploadID)
        }
        let maxParts = try Self.count(request, "max-parts", default: 1000, name: "max-parts")
        let marker = try Self.count(request, "part-number-marker", default: 0, name: "part-number-marker")
        let parts = try store.parts(of: uploadID, after: marker, limit: maxParts + 1)
        let page = Array(parts.prefix(maxParts))
        let truncated = parts.count > maxParts
        let initiator = MultipartRules.initiatorID(arn: upload.initiatorARN, accountID: upload.ownerAccountID)
        var children: [XMLTree] = [
            .leaf("Bucket", bucket.name), .leaf("Key", key), .leaf("UploadId", uploadID),
            .leaf("PartNumberMarker", String(marker)),
            .leaf("NextPartNumberMarker", String(page.last?.partNumber ?? 0)), .leaf("MaxParts", String(maxParts)),
            .leaf("IsTruncated", truncated ? "true" : "false"),
        ]
        children += page.map { part in
            var elements: [XMLTree] = [
                .leaf("PartNumber", String(part.partNumber)), .leaf("LastModified", S3Time.iso8601(part.lastModified)),
                .leaf("ETag", ETag.quoted(part.etag)), .leaf("Size", String(part.size)),
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
        if let algorithm = upload.checksumAlgorithm, let type = upload.checksumType {
            children += [.leaf("ChecksumAlgorithm", algorithm.name), .leaf("ChecksumType", type.rawValue)]
        }
        return S3Response.xml("ListPartsResult", children)
    }

    func listMultipartUploads(_ request: AWSRequest) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        try authorize(request, "s3:ListBucketMultipartUploads", bucket: bucket)
        let prefix = request.query("prefix") ?? ""
        let delimiter = request.query("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        let keyMarker = request.query("key-marker").flatMap { $0.isEmpty ? nil : $0 }
        let uploadIDMarker = request.query("upload-id-marker").flatMap { $0.isEmpty ? nil : $0 }
        let maxUploads = min(try Self.count(request, "max-uploads", default: 1000, name: "max-uploads"), 1000)
        let urlEncoded = try ListEncoding.validate(request.query("encoding-type"))
        let encode = { ListEncoding.encode($0, urlEncoded) }

        var uploads = try store.uploads(bucket: bucket.name, prefix: prefix)
        if let keyMarker {
            var afterMarker = false
            uploads = uploads.filter { upload in
                if Bytewise.less(keyMarker, upload.key) { return true }
                guard Bytewise.equal(keyMarker, upload.key), let uploadIDMarker else { return false }
                if afterMarker { return true }
                if upload.uploadID == uploadIDMarker { afterMarker = true }
                return false
            }
        }
        var entries: [XMLTree] = []
        var prefixes: [String] = []
        var truncated = false
        var last: (key: String, uploadID: String?)?
        for upload in uploads {
            if let delimiter, let common = Bytewise.commonPrefix(of: upload.key, prefix: prefix, delimiter: delimiter) {
                if prefixes.last.map({ Bytewise.equal($0, common) }) ?? false { continue }
                if entries.count + prefixes.count == maxUploads {
                    truncated = true
                    break
                }
                prefixes.append(common)
                last = (common, nil)
                continue
            }
            if entries.count + prefixes.count == maxUploads {
                truncated = true
                break
            }
            let initiator = MultipartRules.initiatorID(arn: upload.initiatorARN, accountID: upload.ownerAccountID)
            var elements: [XMLTree] = [
                .leaf("Key", encode(upload.key)), .leaf("UploadId", upload.uploadID),
                .node("Initiator", [.leaf("ID", initiator)]), S3Response.owner(upload.ownerAccountID),
                .leaf("StorageClass", upload.storageClass), .leaf("Initiated", S3Time.iso8601(upload.initiated)),
            ]
            if let algorithm = upload.checksumAlgorithm, let type = upload.checksumType {
                elements += [.leaf("ChecksumAlgorithm", algorithm.name), .leaf("ChecksumType", type.rawValue)]
            }
            entries.append(.node("Upload", elements))
            last = (upload.key, upload.uploadID)
        }
        var children: [XMLTree] = [
            .leaf("Bucket", bucket.name), .leaf("KeyMarker", encode(keyMarker ?? "")),
            .leaf("UploadIdMarker", uploadIDMarker ?? ""),
        ]
        if truncated, let last {
            children.append(.leaf("NextKeyMarker", encode(last.key)))
            children.append(.leaf("NextUploadIdMarker", last.uploadID ?? ""))
        }
        children += S3Response.leaf("Prefix", prefix.isEmpty ? nil : encode(prefix))
        children += S3Response.leaf("Delimiter", delimiter.map(encode))
        children += [.leaf("MaxUploads", String(maxUploads)), .leaf("IsTruncated", truncated ? "true" : "false")]
        children += entries
        children += prefixes.map { .node("CommonPrefixes", [.leaf("Prefix", encode($0))]) }
        children += S3Response.leaf("EncodingType", urlEncoded ? "url" : nil)
        return S3Response.xml("ListMultipartUploadsResult", children)
    }

    /// A non-negative integer query parameter.
    static func count(_ request: AWSRequest, _ parameter: String, default value: Int, name: String) throws -> Int {
        guard let text = request.query(parameter) else { return value }
        guard let number = Int(text), number >= 0 else {
            throw S3Error.invalidArgument(
                message: "Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return number
    }
}
