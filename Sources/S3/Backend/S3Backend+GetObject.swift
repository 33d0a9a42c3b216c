import AWSCore
import Foundation
import HTTPServer

extension S3Backend {
    func getObject(_ request: AWSRequest) throws -> HTTPResponse {
        try readObject(request, head: false)
    }

    func headObject(_ request: AWSRequest) throws -> HTTPResponse {
        try readObject(request, head: true)
    }

    /// GET and HEAD: conditions, Range or partNumber, `response-*` overrides, checksum mode. The
    /// bytes go out with sendfile(2) from the blob file, never through memory.
    private func readObject(_ request: AWSRequest, head: Bool) throws -> HTTPResponse {
        let bucket = try addressedBucket(request)
        let key = try addressedKey(request)
        try authorize(request, "s3:GetObject", bucket: bucket, key: key)
        try Self.requireNullVersion(request)
        guard let object = try store.object(bucket: bucket.name, key: key) else {
            throw missingKey(request, bucket: bucket, key: key)
        }
        if !head, ["GLACIER", "DEEP_ARCHIVE"].contains(object.storageClass) {
            throw S3Error.invalidObjectState(storageClass: object.storageClass)
        }
        switch Self.conditions(request).evaluate(etag: object.etag, lastModified: object.lastModified) {
        case .proceed: break
        case .notModified:
            var headers = HTTPHeaders()
            headers.add("ETag", ETag.quoted(object.etag))
            headers.add("Last-Modified", S3Time.http(object.lastModified))
            return HTTPResponse(status: 304, headers: headers, body: .headers(contentLength: nil))
        case .preconditionFailed(let condition):
            throw S3Error.preconditionFailed(condition: condition)
        }

        var headers = Self.objectHeaders(object, overrides: request)
        var status = 200
        var offset: Int64 = 0
        var length = object.size
        var whole = true
        if let partText = request.query("partNumber") {
            guard request.header("range") == nil else {
                throw S3Error.invalidRequest(message: "Cannot specify both Range header and partNumber query parameter")
            }
            let range = try Self.partRange(object, partText)
            (offset, length) = (range.offset, range.length)
            whole = range.length == object.size && object.partsCount == nil
            if let count = object.partsCount { headers.add("x-amz-mp-parts-count", String(count)) }
            if !whole || object.partsCount != nil {
                status = 206
                headers.add("Content-Range", "bytes \(offset)-\(offset + length - 1)/\(object.size)")
            }
        } else if let rangeHeader = request.header("range") {
            switch ByteRange.resolve(rangeHeader, size: Int(object.size)) {
            case .whole: break
            case .partial(let range):
                (offset, length, whole, status) = (Int64(range.offset), Int64(range.length), false, 206)
                headers.add("Content-Range", range.contentRange(size: Int(object.size)))
            case .unsatisfiable:
                throw S3Error.invalidRange(requested: rangeHeader, size: object.size)
            }
        }
        // A checksum describes the whole object, so ranges never carry one.
        if whole, request.header("x-amz-checksum-mode")?.uppercased() == "ENABLED", let checksum = object.checksum {
            headers.add(checksum.algorithm.headerName, checksum.value)
            headers.add("x-amz-checksum-type", checksum.type.rawValue)
        }
        if head || length == 0 {
            return HTTPResponse(status: status, headers: headers, body: head ? .headers(contentLength: Int(length)) : .bytes([]))
        }
        let path = try blobStore.path(for: object.blobDigest)
        return HTTPResponse(status: status, headers: headers, body: .file(path: path, offset: Int(offset), length: Int(length)))
    }

    /// Headers of a GET or HEAD answer, with `response-content-type` and friends applied.
    static func objectHeaders(_ object: StoredObject, overrides request: AWSRequest) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("Last-Modified", S3Time.http(object.lastModified))
        headers.add("ETag", ETag.quoted(object.etag))
        headers.add("Accept-Ranges", "bytes")
        for field in object.headers.standard {
            if ObjectHeaders.overridable.contains(field.name), request.query("response-" + field.name.lowercased()) != nil {
                continue
            }
            headers.add(field.name, field.value)
        }
        for name in ObjectHeaders.overridable {
            if let value = request.query("response-" + name.lowercased()) { headers.add(name, value) }
        }
        for field in object.headers.metadata { headers.add("x-amz-meta-" + field.name, field.value) }
        if object.storageClass != StorageClass.standard { headers.add("x-amz-storage-class", object.storageClass) }
        if !object.tags.isEmpty { headers.add("x-amz-tagging-count", String(object.tags.tags.count)) }
        return headers
    }

    static func conditions(_ request: AWSRequest) -> Conditions {
        Conditions(
            ifMatch: request.header("if-match"), ifNoneMatch: request.header("if-none-match"),
            ifModifiedSince: request.header("if-modified-since").flatMap(HTTPDateParser.parse),
            ifUnmodifiedSince: request.header("if-unmodified-since").flatMap(HTTPDateParser.parse))
    }

    /// Objects are not versioned: only the `null` version exists.
    static func requireNullVersion(_ request: AWSRequest) throws {
        if let version = request.query("versionId"), version != "null" {
            throw S3Error.invalidArgument(message: "Invalid version id specified", name: "versionId", value: version)
        }
    }

    static func partNumber(_ text: String) throws -> Int {
        guard let number = Int(text), (1...ObjectLimits.maxPartNumber).contains(number) else {
            throw S3Error.invalidArgument(
                message: "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: text)
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
