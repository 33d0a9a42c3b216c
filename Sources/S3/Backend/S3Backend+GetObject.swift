import AWSCore
import Foundation

extension S3Backend {
    func getObject(_ input: GetObjectRequest, context: RequestContext) throws -> GetObjectOutput {
        try readObject(input, context, head: false)
    }

    func headObject(_ input: HeadObjectRequest, context: RequestContext) throws -> GetObjectOutput {
        try readObject(input, context, head: true)
    }

    /// GET and HEAD: conditions, Range or partNumber, `response-*` overrides, checksum mode. The
    /// bytes go out with sendfile(2) from the blob file, never through memory.
    private func readObject(_ input: GetObjectRequest, _ context: RequestContext, head: Bool) throws
        -> GetObjectOutput
    {
        let key = input.Key
        let bucket = try addressedObject(input.bucket, key: key, context, action: "s3:GetObject")
        try Self.requireNullVersion(input.VersionId)
        guard let object = try store.object(bucket: bucket.name, key: key) else {
            throw missingKey(context, bucket: bucket, key: key)
        }
        if !head, ["GLACIER", "DEEP_ARCHIVE"].contains(object.storageClass) {
            throw S3Error.invalidObjectState(storageClass: object.storageClass)
        }
        let conditions = Conditions(
            ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch,
            ifModifiedSince: input.IfModifiedSince.flatMap(HTTPDateParser.parse),
            ifUnmodifiedSince: input.IfUnmodifiedSince.flatMap(HTTPDateParser.parse))
        switch conditions.evaluate(etag: object.etag, lastModified: object.lastModified) {
        case .proceed: break
        case .notModified: return GetObjectOutput(object: object, notModified: true)
        case .preconditionFailed(let condition): throw S3Error.preconditionFailed(condition: condition)
        }

        var output = GetObjectOutput(object: object, responseOverrides: input.responseOverrides)
        let window = try Self.window(input, object)
        if !window.whole {
            let last = window.offset + window.length - 1
            output.ContentRange = "bytes \(window.offset)-\(last)/\(object.size)"
        }
        if input.PartNumber != nil { output.PartsCount = object.partsCount }
        // A checksum describes the whole object, so ranges never carry one.
        if window.whole, input.ChecksumMode?.uppercased() == "ENABLED" { output.checksum = object.checksum }
        let (offset, length) = (window.offset, window.length)
        if head {
            output.Body = .described(length: length)
        } else if length > 0 {
            output.Body = .file(path: try blobStore.path(for: object.blobDigest), offset: offset, length: length)
        }
        return output
    }

    /// The bytes a GET asks for: a part (`partNumber`), a `Range`, or the whole object. A part
    /// of a multipart object is never `whole`, so it is answered 206 even when it is all of it.
    static func window(_ input: GetObjectRequest, _ object: StoredObject) throws
        -> (offset: Int64, length: Int64, whole: Bool)
    {
        if let partText = input.PartNumber {
            guard input.Range == nil else {
                throw S3Error.invalidRequest(message: "Cannot specify both Range header and partNumber query parameter")
            }
            let range = try partRange(object, partText)
            return (range.offset, range.length, range.length == object.size && object.partsCount == nil)
        }
        guard let rangeHeader = input.Range else { return (0, object.size, true) }
        switch ObjectRange.resolve(rangeHeader, size: object.size) {
        case .whole: return (0, object.size, true)
        case .partial(let offset, let length): return (offset, length, false)
        case .unsatisfiable: throw S3Error.invalidRange(requested: rangeHeader, size: object.size)
        }
    }

    /// Objects are not versioned: only the `null` version exists.
    static func requireNullVersion(_ version: String?) throws {
        if let version, version != "null" {
            throw S3Error.invalidArgument(message: "Invalid version id specified", name: "versionId", value: version)
        }
    }

    static func partNumber(_ text: String) throws -> Int {
        guard let number = Int(text), (1...ObjectLimits.maxPartNumber).contains(number) else {
            throw S3Error.invalidArgument(
                message: "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber",
                value: text)
        }
        return number
    }

    /// The byte range of part `text` of an object; a single-part object has one part.
    static func partRange(_ object: StoredObject, _ text: String) throws -> (offset: Int64, length: Int64) {
        let number = try partNumber(text)
        guard object.partsCount != nil, !object.parts.isEmpty else {
            guard number == 1 else { throw S3Error.invalidPartNumber(requested: number, actualCount: 1) }
            return (0, object.size)
        }
        var offset: Int64 = 0
        for part in object.parts {
            if part.partNumber == number { return (offset, part.size) }
            offset += part.size
        }
        throw S3Error.invalidPartNumber(requested: number, actualCount: object.parts.count)
    }
}
