import AWSCore

/// Every error S3 answers with, worded as S3 words it (EB-SPEC §D.1 and the S3 error-code list).
/// The switch is exhaustive, so no case reaches the wire without its code, status and message.
enum S3Error: Error, Equatable, AWSErrorConvertible {
    case accessDenied(message: String)
    case authorizationHeaderMalformed(signedRegion: String, bucketRegion: String)
    case authorizationQueryParametersError(signedRegion: String, bucketRegion: String)
    case permanentRedirect(bucket: String, bucketRegion: String)
    case noSuchBucket(bucket: String)
    case noSuchKey(key: String)
    case noSuchVersion(key: String, versionID: String)
    case noSuchUpload(uploadID: String)
    case noSuchBucketPolicy(bucket: String)
    case noSuchTagSet(bucket: String)
    case bucketAlreadyExists(bucket: String)
    case bucketAlreadyOwnedByYou(bucket: String)
    case bucketNotEmpty(bucket: String)
    case invalidBucketName(bucket: String)
    /// `constraint` nil means the request sent none.
    case illegalLocationConstraint(constraint: String?)
    case invalidLocationConstraint(constraint: String)
    case keyTooLong(size: Int)
    /// The path's percent-decoding is not UTF-8, so it names no key.
    case invalidURI(uri: String)
    case malformedXML
    case maxMessageLengthExceeded
    case invalidDigest(contentMD5: String)
    case contentMD5Mismatch(expected: String, calculated: String)
    case checksumMismatch(ChecksumAlgorithm)
    case invalidChecksumHeader(ChecksumAlgorithm)
    case multipleChecksumHeaders
    case checksumAlgorithmWithoutValue
    case missingIntegrityHeader
    case preconditionFailed(condition: String)
    case invalidRange(requested: String, size: Int64)
    case invalidArgument(message: String, name: String, value: String)
    case invalidRequest(message: String)
    case invalidPart(uploadID: String, partNumber: Int, etag: String)
    case invalidPartOrder(uploadID: String)
    case entityTooSmall(proposedSize: Int64, partNumber: Int, etag: String)
    case entityTooLarge(proposedSize: Int64, maxSize: Int64)
    case missingContentLength
    case metadataTooLarge(size: Int)
    case malformedPolicy(message: String)
    case invalidTag(message: String)
    case tooManyObjectTags
    case invalidStorageClass
    case illegalVersioningConfiguration
    case notImplemented(header: String)
    /// A feature of an operation ebauth has built but this part of it not (e.g. MFA Delete).
    case featureNotImplemented(message: String)
    case invalidObjectState(storageClass: String)
    case invalidPartNumber(requested: Int, actualCount: Int)
    case accessControlListNotSupported

    static let minimumPartSize: Int64 = 5 * 1024 * 1024

    var awsError: AWSError {
        switch self {
        case .accessDenied(let message):
            AWSError(code: "AccessDenied", message: message, status: 403)
        case .authorizationHeaderMalformed(let signed, let expected):
            AWSError(
                code: "AuthorizationHeaderMalformed",
                message:
                    "The authorization header is malformed; the region '\(signed)' is wrong; expecting '\(expected)'",
                status: 400, details: [.init("Region", expected)], headers: [.init("x-amz-bucket-region", expected)])
        case .authorizationQueryParametersError(let signed, let expected):
            AWSError(
                code: "AuthorizationQueryParametersError",
                message:
                    "Error parsing the X-Amz-Credential parameter; the region '\(signed)' is wrong; expecting '\(expected)'",
                status: 400, details: [.init("Region", expected)], headers: [.init("x-amz-bucket-region", expected)])
        case .permanentRedirect(let bucket, let region):
            AWSError(
                code: "PermanentRedirect",
                message:
                    "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
                status: 301,
                details: [
                    .init("Endpoint", Regions.virtualHostedEndpoint(bucket: bucket, region: region)),
                    .init("Bucket", bucket),
                ],
                headers: [.init("x-amz-bucket-region", region)])
        case .noSuchBucket(let bucket):
            AWSError(
                code: "NoSuchBucket", message: "The specified bucket does not exist", status: 404,
                details: [.init("BucketName", bucket)])
        case .noSuchKey(let key):
            AWSError(
                code: "NoSuchKey", message: "The specified key does not exist.", status: 404,
                details: [.init("Key", key)])
        case .noSuchVersion(let key, let versionID):
            AWSError(
                code: "NoSuchVersion", message: "The specified version does not exist.", status: 404,
                details: [.init("Key", key), .init("VersionId", versionID)])
        case .noSuchUpload(let uploadID):
            AWSError(
                code: "NoSuchUpload",
                message:
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                status: 404, details: [.init("UploadId", uploadID)])
        case .noSuchBucketPolicy(let bucket):
            AWSError(
                code: "NoSuchBucketPolicy", message: "The bucket policy does not exist", status: 404,
                details: [.init("BucketName", bucket)])
        case .noSuchTagSet(let bucket):
            AWSError(
                code: "NoSuchTagSet", message: "The TagSet does not exist", status: 404,
                details: [.init("BucketName", bucket)])
        case .bucketAlreadyExists(let bucket):
            AWSError(
                code: "BucketAlreadyExists",
                message:
                    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
                status: 409, details: [.init("BucketName", bucket)])
        case .bucketAlreadyOwnedByYou(let bucket):
            AWSError(
                code: "BucketAlreadyOwnedByYou",
                message: "Your previous request to create the named bucket succeeded and you already own it.",
                status: 409,
                details: [.init("BucketName", bucket)])
        case .bucketNotEmpty(let bucket):
            AWSError(
                code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty", status: 409,
                details: [.init("BucketName", bucket)])
        case .invalidBucketName(let bucket):
            AWSError(
                code: "InvalidBucketName", message: "The specified bucket is not valid.", status: 400,
                details: [.init("BucketName", bucket)])
        case .illegalLocationConstraint(let constraint):
            AWSError(
                code: "IllegalLocationConstraintException",
                message:
                    "The \(constraint ?? "unspecified") location constraint is incompatible for the region specific endpoint this request was sent to.",
                status: 400)
        case .invalidLocationConstraint(let constraint):
            AWSError(
                code: "InvalidLocationConstraint", message: "The specified location-constraint is not valid",
                status: 400,
                details: [.init("LocationConstraint", constraint)])
        case .keyTooLong(let size):
            AWSError(
                code: "KeyTooLongError", message: "Your key is too long", status: 400,
                details: [.init("Size", String(size)), .init("MaxSizeAllowed", String(ObjectKey.maxBytes))])
        case .invalidURI(let uri):
            AWSError(
                code: "InvalidURI", message: "Couldn't parse the specified URI.", status: 400,
                details: [.init("URI", uri)])
        case .malformedXML:
            AWSError(
                code: "MalformedXML",
                message: "The XML you provided was not well-formed or did not validate against our published schema",
                status: 400)
        case .maxMessageLengthExceeded:
            AWSError(code: "MaxMessageLengthExceeded", message: "Your request was too big.", status: 400)
        case .invalidDigest(let contentMD5):
            AWSError(
                code: "InvalidDigest", message: "The Content-MD5 you specified was invalid.", status: 400,
                details: [.init("Content-MD5", contentMD5)])
        case .contentMD5Mismatch(let expected, let calculated):
            AWSError(
                code: "BadDigest", message: "The Content-MD5 you specified did not match what we received.",
                status: 400,
                details: [.init("ExpectedDigest", expected), .init("CalculatedDigest", calculated)])
        case .checksumMismatch(let algorithm):
            AWSError(
                code: "BadDigest",
                message: "The \(algorithm.name) you specified did not match the calculated checksum.",
                status: 400)
        case .invalidChecksumHeader(let algorithm):
            AWSError(
                code: "InvalidRequest", message: "Value for \(algorithm.headerName) header is invalid.", status: 400)
        case .multipleChecksumHeaders:
            AWSError(
                code: "InvalidRequest",
                message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                status: 400)
        case .checksumAlgorithmWithoutValue:
            AWSError(
                code: "InvalidRequest",
                message:
                    "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
                status: 400)
        case .missingIntegrityHeader:
            AWSError(
                code: "InvalidRequest",
                message: "Missing required header for this request: Content-MD5 OR x-amz-checksum-*",
                status: 400)
        case .preconditionFailed(let condition):
            AWSError(
                code: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold",
                status: 412, details: [.init("Condition", condition)])
        case .invalidRange(let requested, let size):
            AWSError(
                code: "InvalidRange", message: "The requested range is not satisfiable", status: 416,
                details: [.init("RangeRequested", requested), .init("ActualObjectSize", String(size))],
                headers: [.init("Content-Range", "bytes */\(size)")])
        case .invalidArgument(let message, let name, let value):
            AWSError(
                code: "InvalidArgument", message: message, status: 400,
                details: [.init("ArgumentName", name), .init("ArgumentValue", value)])
        case .invalidRequest(let message):
            AWSError(code: "InvalidRequest", message: message, status: 400)
        case .invalidPart(let uploadID, let partNumber, let etag):
            AWSError(
                code: "InvalidPart",
                message:
                    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
                status: 400,
                details: [.init("UploadId", uploadID), .init("PartNumber", String(partNumber)), .init("ETag", etag)])
        case .invalidPartOrder(let uploadID):
            AWSError(
                code: "InvalidPartOrder",
                message: "The list of parts was not in ascending order. Parts must be ordered by part number.",
                status: 400,
                details: [.init("UploadId", uploadID)])
        case .entityTooSmall(let proposed, let partNumber, let etag):
            AWSError(
                code: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed size",
                status: 400,
                details: [
                    .init("ProposedSize", String(proposed)), .init("MinSizeAllowed", String(Self.minimumPartSize)),
                    .init("PartNumber", String(partNumber)), .init("ETag", etag),
                ])
        case .entityTooLarge(let proposed, let maxSize):
            AWSError(
                code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed size", status: 400,
                details: [.init("ProposedSize", String(proposed)), .init("MaxSizeAllowed", String(maxSize))])
        case .missingContentLength:
            AWSError(
                code: "MissingContentLength", message: "You must provide the Content-Length HTTP header.", status: 411)
        case .metadataTooLarge(let size):
            AWSError(
                code: "MetadataTooLarge", message: "Your metadata headers exceed the maximum allowed metadata size.",
                status: 400,
                details: [.init("Size", String(size)), .init("MaxSizeAllowed", String(ObjectHeaders.maxMetadataBytes))])
        case .malformedPolicy(let message):
            AWSError(code: "MalformedPolicy", message: message, status: 400)
        case .invalidTag(let message):
            AWSError(code: "InvalidTag", message: message, status: 400)
        case .tooManyObjectTags:
            AWSError(code: "BadRequest", message: "Object tags cannot be greater than 10", status: 400)
        case .invalidStorageClass:
            AWSError(code: "InvalidStorageClass", message: "The storage class you specified is not valid", status: 400)
        case .illegalVersioningConfiguration:
            AWSError(
                code: "IllegalVersioningConfigurationException",
                message: "The Versioning element must be specified", status: 400)
        case .notImplemented(let header):
            AWSError(
                code: "NotImplemented", message: "A header you provided implies functionality that is not implemented",
                status: 501, details: [.init("Header", header)])
        case .featureNotImplemented(let message):
            AWSError(code: "NotImplemented", message: message, status: 501)
        case .invalidPartNumber(let requested, let actualCount):
            AWSError(
                code: "InvalidPartNumber", message: "The requested partnumber is not satisfiable", status: 416,
                details: [
                    .init("PartNumberRequested", String(requested)), .init("ActualPartCount", String(actualCount)),
                ])
        case .accessControlListNotSupported:
            AWSError(code: "AccessControlListNotSupported", message: "The bucket does not allow ACLs", status: 400)
        case .invalidObjectState(let storageClass):
            AWSError(
                code: "InvalidObjectState", message: "The operation is not valid for the object's storage class",
                status: 403, details: [.init("StorageClass", storageClass)])
        }
    }
}
