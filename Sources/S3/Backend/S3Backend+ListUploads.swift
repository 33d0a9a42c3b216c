import AWSCore
import Foundation

/// ListParts and ListMultipartUploads.
extension S3Backend {
    func listParts(_ input: ListPartsRequest, context: RequestContext) throws -> ListPartsOutput {
        let (_, upload) = try addressedUpload(input.upload, context, action: "s3:ListMultipartUploadParts")
        let maxParts = try Self.count(input.MaxParts, default: 1000, name: "max-parts")
        let marker = try Self.count(input.PartNumberMarker, default: 0, name: "part-number-marker")
        let parts = try store.read { try $0.parts(of: upload.uploadID, after: marker, limit: maxParts + 1) }
        return ListPartsOutput(
            upload: upload, PartNumberMarker: marker, MaxParts: maxParts, IsTruncated: parts.count > maxParts,
            Parts: Array(parts.prefix(maxParts)))
    }

    func listMultipartUploads(_ input: ListMultipartUploadsRequest, context: RequestContext) throws
        -> ListMultipartUploadsOutput
    {
        let bucket = try addressedBucket(input.bucket)
        try authorize(context, "s3:ListBucketMultipartUploads", bucket: bucket)
        let prefix = input.Prefix ?? ""
        let delimiter = input.Delimiter.flatMap { $0.isEmpty ? nil : $0 }
        let keyMarker = input.KeyMarker.flatMap { $0.isEmpty ? nil : $0 }
        let uploadIDMarker = input.UploadIdMarker.flatMap { $0.isEmpty ? nil : $0 }
        let maxUploads = min(try Self.count(input.MaxUploads, default: 1000, name: "max-uploads"), 1000)
        let urlEncoded = try ListEncoding.validate(input.EncodingType)

        var uploads = try store.read { try $0.uploads(bucket: bucket.name, prefix: prefix) }
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
        var output = ListMultipartUploadsOutput(
            Bucket: bucket.name, KeyMarker: keyMarker, UploadIdMarker: uploadIDMarker, Prefix: prefix,
            Delimiter: delimiter, MaxUploads: maxUploads, IsTruncated: false, Uploads: [], CommonPrefixes: [],
            urlEncoded: urlEncoded)
        var last: (key: String, uploadID: String?)?
        for upload in uploads {
            let common = delimiter.flatMap { Bytewise.commonPrefix(of: upload.key, prefix: prefix, delimiter: $0) }
            if let common, output.CommonPrefixes.last.map({ Bytewise.equal($0, common) }) ?? false { continue }
            if output.Uploads.count + output.CommonPrefixes.count == maxUploads {
                output.IsTruncated = true
                break
            }
            if let common {
                output.CommonPrefixes.append(common)
                last = (common, nil)
            } else {
                output.Uploads.append(upload)
                last = (upload.key, upload.uploadID)
            }
        }
        if output.IsTruncated { output.next = last }
        return output
    }

    /// A non-negative integer query parameter.
    static func count(_ text: String?, default value: Int, name: String) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), number >= 0 else {
            throw S3Error.invalidArgument(
                message: "Provided \(name) not an integer or within integer range", name: name, value: text)
        }
        return number
    }
}
