/// Why a request could not be read. Each maps to the status the server answers with before it
/// closes the connection; no responder ever sees such a request.
public enum HTTPParseError: Error, Equatable, Sendable {
    case malformedRequestLine
    case malformedHeader
    case headersTooLarge
    case unsupportedVersion
    case invalidContentLength
    case unsupportedTransferCoding
    case malformedChunkedBody
    case bodyTooLarge
    case truncatedBody
    case timeout

    public var status: Int {
        switch self {
        case .headersTooLarge: 431
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .bodyTooLarge: 413
        case .timeout: 408
        case .malformedRequestLine, .malformedHeader, .invalidContentLength, .malformedChunkedBody, .truncatedBody:
            400
        }
    }

    public var message: String {
        switch self {
        case .malformedRequestLine: "The request line is not valid HTTP/1.1."
        case .malformedHeader: "A header field is not valid HTTP/1.1."
        case .headersTooLarge: "The request header section is too large."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .invalidContentLength: "The Content-Length header is not valid."
        case .unsupportedTransferCoding: "Only the chunked transfer-coding is supported."
        case .malformedChunkedBody: "The chunked request body is malformed."
        case .bodyTooLarge: "The request body exceeds the maximum allowed size."
        case .truncatedBody: "The request body ended before the declared length."
        case .timeout: "The request was not received in time."
        }
    }
}
