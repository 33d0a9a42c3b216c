/// The distribution spec's error codes with their default message and HTTP status, as the
/// reference registry registers them (distribution `registry/api/errcode/register.go`). A static
/// table: no global registration, no duplicates possible.
public struct RegistryErrorCode: Sendable, Hashable {
    /// The wire code, e.g. `MANIFEST_UNKNOWN`.
    public let value: String
    /// The default message registry:2 sends with it.
    public let message: String
    public let status: Int

    public static let unknown = RegistryErrorCode(value: "UNKNOWN", message: "unknown error", status: 500)
    public static let unsupported = RegistryErrorCode(
        value: "UNSUPPORTED", message: "The operation is unsupported.", status: 405)
    public static let unauthorized = RegistryErrorCode(
        value: "UNAUTHORIZED", message: "authentication required", status: 401)
    public static let denied = RegistryErrorCode(
        value: "DENIED", message: "requested access to the resource is denied", status: 403)
    public static let unavailable = RegistryErrorCode(value: "UNAVAILABLE", message: "service unavailable", status: 503)
    public static let tooManyRequests = RegistryErrorCode(
        value: "TOOMANYREQUESTS", message: "too many requests", status: 429)
    public static let digestInvalid = RegistryErrorCode(
        value: "DIGEST_INVALID", message: "provided digest did not match uploaded content", status: 400)
    public static let sizeInvalid = RegistryErrorCode(
        value: "SIZE_INVALID", message: "provided length did not match content length", status: 400)
    public static let rangeInvalid = RegistryErrorCode(
        value: "RANGE_INVALID", message: "invalid content range", status: 416)
    public static let nameInvalid = RegistryErrorCode(
        value: "NAME_INVALID", message: "invalid repository name", status: 400)
    public static let tagInvalid = RegistryErrorCode(
        value: "TAG_INVALID", message: "manifest tag did not match URI", status: 400)
    public static let nameUnknown = RegistryErrorCode(
        value: "NAME_UNKNOWN", message: "repository name not known to registry", status: 404)
    public static let manifestUnknown = RegistryErrorCode(
        value: "MANIFEST_UNKNOWN", message: "manifest unknown", status: 404)
    public static let manifestInvalid = RegistryErrorCode(
        value: "MANIFEST_INVALID", message: "manifest invalid", status: 400)
    public static let manifestUnverified = RegistryErrorCode(
        value: "MANIFEST_UNVERIFIED", message: "manifest failed signature verification", status: 400)
    public static let manifestBlobUnknown = RegistryErrorCode(
        value: "MANIFEST_BLOB_UNKNOWN", message: "blob unknown to registry", status: 400)
    public static let blobUnknown = RegistryErrorCode(
        value: "BLOB_UNKNOWN", message: "blob unknown to registry", status: 404)
    public static let blobUploadUnknown = RegistryErrorCode(
        value: "BLOB_UPLOAD_UNKNOWN", message: "blob upload unknown to registry", status: 404)
    // 404, not 400: that is what register.go says, and clients follow the code, not the status.
    public static let blobUploadInvalid = RegistryErrorCode(
        value: "BLOB_UPLOAD_INVALID", message: "blob upload invalid", status: 404)
    public static let paginationNumberInvalid = RegistryErrorCode(
        value: "PAGINATION_NUMBER_INVALID", message: "invalid number of results requested", status: 400)

    public static let all: [RegistryErrorCode] = [
        unknown, unsupported, unauthorized, denied, unavailable, tooManyRequests, digestInvalid, sizeInvalid,
        rangeInvalid, nameInvalid, tagInvalid, nameUnknown, manifestUnknown, manifestInvalid, manifestUnverified,
        manifestBlobUnknown, blobUnknown, blobUploadUnknown, blobUploadInvalid, paginationNumberInvalid,
    ]
}
